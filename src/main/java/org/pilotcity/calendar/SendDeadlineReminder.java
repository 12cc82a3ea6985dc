package org.pilotcity.calendar;

import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The reminder before a deadline: every open task of the instance moves up in Tasklist (priority
 * {@value #REMINDER_PRIORITY}) and carries a comment saying by when it is due. Nothing for a historical
 * year recorded after the fact.
 */
@Component("sendDeadlineReminder")
public class SendDeadlineReminder implements JavaDelegate {

  static final int REMINDER_PRIORITY = 80;
  static final String HISTORICAL_RECORD = "historicalRecord";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  @Override
  public void execute(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(HISTORICAL_RECORD))) {
      return; // a past year entered after the fact: nobody is to be reminded of long-gone deadlines
    }
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
      if (task.getPriority() < REMINDER_PRIORITY) {
        task.setPriority(REMINDER_PRIORITY);
        tasks.saveTask(task);
      }
      String due = task.getDueDate() == null ? "截止日"
          : DAY.format(task.getDueDate().toInstant().atZone(Deadlines.BEIJING)) + "24时（北京时间）";
      tasks.createComment(task.getId(), execution.getProcessInstanceId(),
          "到期提醒：“" + task.getName() + "”请于" + due + "前完成。");
    }
  }
}
