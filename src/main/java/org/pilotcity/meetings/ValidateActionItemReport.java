package org.pilotcity.meetings;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The owning department closes an action item only with what was done ({@code actionItemReport}) and when
 * ({@code actionItemDoneOn}: not after today, not before the meeting that decided it). Both are the item's
 * own variables (its follow-up scope), so two items never overwrite each other's report.
 */
@Component("validateActionItemReport")
public class ValidateActionItemReport implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    FormErrors errors = FormErrors.of(task).text("actionItemReport", "落实情况", MeetingOptions.REPORT_MAX);
    LocalDate done = errors.date("actionItemDoneOn", "完成日期");
    if (done != null) {
      errors.require(!done.isAfter(today), "完成日期：不能晚于今天（" + today + "）");
      Object meetingDate = task.getVariable("meetingDate");
      if (meetingDate != null) {
        LocalDate held = Deadlines.toLocalDate(meetingDate);
        errors.require(!done.isBefore(held), "完成日期：不能早于会议召开日期（" + held + "）");
      }
    }
    errors.throwIfAny();
  }
}
