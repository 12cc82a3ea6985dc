package org.pilotcity.application;

import static org.pilotcity.application.ApplicationOptions.AWARD_USE_MAX;
import static org.pilotcity.application.ApplicationOptions.DETAILED_TASKS_MAX;
import static org.pilotcity.application.ApplicationOptions.IMPLEMENTATION_PLAN_MAX;
import static org.pilotcity.application.ApplicationOptions.SUBMITTED;
import static org.pilotcity.application.ApplicationOptions.SUMMARY_MAX;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * Checks a submitted pilot plan (试点方案) before the task completes: only before the deadline, every
 * text, and a numeric prior-year actual and non-negative target for exactly the catalogue's indicators —
 * from Tasklist as numbered fields {@code baseline_n}/{@code target_n}, or as {@code indicatorTargets} rows
 * (see {@link IndicatorTargets}).
 * Records the submission: {@code planSubmitted}, status SUBMITTED, {@code submittedAt}.
 */
@Component("validatePilotPlan")
public class ValidatePilotPlan implements TaskListener {

  private final Deadlines deadlines;

  public ValidatePilotPlan(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void notify(DelegateTask task) {
    Object applicationDue = task.getVariable("applicationDue");
    Date now = ClockUtil.getCurrentTime();
    if (!now.before(deadlines.afterDeadline(applicationDue))) {
      throw new BadUserRequestException(String.format(
          "申报已于%s（北京时间当日24时）截止，不能再提交或修改试点方案。", Deadlines.toLocalDate(applicationDue)));
    }
    FormErrors errors = FormErrors.of(task)
        .text("implementationPlan", "实施方案", IMPLEMENTATION_PLAN_MAX)
        .text("detailedTasks", "细化任务", DETAILED_TASKS_MAX)
        .text("plannedAwardUse", "奖励资金计划用途", AWARD_USE_MAX)
        .text("planSummary", "方案概述", SUMMARY_MAX);
    List<String> problems = new ArrayList<>();
    SpinJsonNode targets = IndicatorTargets.check(problems,
        IndicatorTargets.submitted(task), task.getVariable(IndicatorTargets.SNAPSHOT));
    problems.forEach(p -> errors.require(false, p));
    errors.throwIfAny();

    task.setVariable(IndicatorTargets.VARIABLE, targets);
    IndicatorTargets.clearSlots(task);
    task.setVariable("planSubmitted", true);
    task.setVariable("applicationStatus", SUBMITTED);
    task.setVariable("submittedAt", now.toInstant().toString());
    task.setVariable("submittedAtText", Deadlines.beijingText(now));
    // the province decides afresh on every submission
    task.removeVariable("planDecision");
  }
}
