package org.pilotcity.application;

import static org.pilotcity.application.ApplicationOptions.ACCEPTED;
import static org.pilotcity.application.ApplicationOptions.PLAN_DECISIONS;
import static org.pilotcity.application.ApplicationOptions.RETURNED;
import static org.pilotcity.application.ApplicationOptions.RETURN_COMMENT_MAX;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * Checks the province's decision on a pilot plan: accept it, or return it with comments — a return
 * only while the city can still resubmit (before the deadline). A return withdraws the submission; the
 * submitted baselines and targets go back into the plan form's numbered fields.
 */
@Component("validatePlanAcceptance")
public class ValidatePlanAcceptance implements TaskListener {

  private final Deadlines deadlines;

  public ValidatePlanAcceptance(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("planDecision", "决定", PLAN_DECISIONS);
    boolean returned = "RETURN".equals(task.getVariable("planDecision"));
    if (returned) {
      Object applicationDue = task.getVariable("applicationDue");
      errors.text("returnComment", "退回意见", RETURN_COMMENT_MAX)
          .require(ClockUtil.getCurrentTime().before(deadlines.afterDeadline(applicationDue)), String.format(
              "决定：申报已于%s（北京时间当日24时）截止，城市已不能修改，不能再退回，请受理",
              Deadlines.toLocalDate(applicationDue)));
    }
    errors.throwIfAny();
    if (returned) {
      task.setVariable("applicationStatus", RETURNED);
      task.setVariable("planSubmitted", false);
      // the city revises its numbers in the form's numbered fields
      IndicatorTargets.reopen(task);
    } else {
      task.setVariable("applicationStatus", ACCEPTED);
    }
  }
}
