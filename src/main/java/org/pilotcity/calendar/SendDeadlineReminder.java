package org.pilotcity.calendar;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The reminder before a deadline: every open task with a due date inside the scope of the reminder's timer moves up in
 * Tasklist (priority {@value #REMINDER_PRIORITY}) and carries a comment saying by when it is due. The scope
 * is where the reminder step runs: for a timer on a top-level step or subprocess that is the whole instance;
 * for a timer inside one instance of a multi-instance subprocess (one action item of a meeting) it is that
 * instance only, so the other items' holders are not reminded of a deadline that is not theirs. Nothing for
 * a historical year recorded after the fact.
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
    for (Task task : tasksInScope(execution).list()) {
      if (task.getDueDate() == null) {
        continue; // an escalation still open in the scope has no deadline of its own to be reminded of
      }
      if (task.getPriority() < REMINDER_PRIORITY) {
        task.setPriority(REMINDER_PRIORITY);
        tasks.saveTask(task);
      }
      String due = DAY.format(task.getDueDate().toInstant().atZone(Deadlines.BEIJING)) + "24时（北京时间）";
      tasks.createComment(task.getId(), execution.getProcessInstanceId(),
          "到期提醒：“" + task.getName() + "”请于" + due + "前完成。");
    }
  }

  /** The open tasks below the activity instance that contains the reminder step. */
  private static TaskQuery tasksInScope(DelegateExecution execution) {
    TaskQuery query = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).active();
    ActivityInstance root = execution.getProcessEngineServices().getRuntimeService()
        .getActivityInstance(execution.getProcessInstanceId());
    ActivityInstance scope = find(root, execution.getParentActivityInstanceId());
    if (scope == null || scope == root) {
      return query; // the whole instance, as for every top-level reminder
    }
    List<String> inside = new ArrayList<>();
    collect(scope, inside);
    return query.activityInstanceIdIn(inside.toArray(String[]::new));
  }

  private static ActivityInstance find(ActivityInstance node, String id) {
    if (node == null || node.getId().equals(id)) {
      return node;
    }
    for (ActivityInstance child : node.getChildActivityInstances()) {
      ActivityInstance found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static void collect(ActivityInstance node, List<String> ids) {
    ids.add(node.getId());
    for (ActivityInstance child : node.getChildActivityInstances()) {
      collect(child, ids);
    }
  }
}
