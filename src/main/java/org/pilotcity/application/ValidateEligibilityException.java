package org.pilotcity.application;

import static org.pilotcity.application.ApplicationOptions.EXCEPTION_DECISIONS;
import static org.pilotcity.application.ApplicationOptions.EXCEPTION_GRANTED;
import static org.pilotcity.application.ApplicationOptions.INELIGIBLE;
import static org.pilotcity.application.ApplicationOptions.JUSTIFICATION_MAX;
import static org.pilotcity.application.ApplicationOptions.JUSTIFICATION_MIN;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.RuleDecisions;
import org.springframework.stereotype.Component;

/**
 * Checks the province's decision on an applicant outside the notice's list (the "一般应为" exception):
 * granting needs a written justification of at least {@value ApplicationOptions#JUSTIFICATION_MIN}
 * characters, and the eligibility table must allow the exception for that applicant type. Records
 * {@code exceptionJustified} and the status EXCEPTION_GRANTED or INELIGIBLE; the justification stays on
 * the application for the ministry.
 */
@Component("validateEligibilityException")
public class ValidateEligibilityException implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("exceptionDecision", "决定", EXCEPTION_DECISIONS);
    boolean granted = "GRANT".equals(task.getVariable("exceptionDecision"));
    if (granted) {
      errors.text("exceptionJustification", "书面说明理由", JUSTIFICATION_MAX);
      Object justification = task.getVariable("exceptionJustification");
      int length = justification == null ? 0 : justification.toString().trim().length();
      errors.require(length == 0 || length >= JUSTIFICATION_MIN, String.format(
          "书面说明理由：至少%d个字（现为%d个）", JUSTIFICATION_MIN, length));
      DmnDecisionResultEntries withException = AsProgram.call(() -> task.getProcessEngineServices()
          .getDecisionService().evaluateDecisionByKey(RuleDecisions.APPLICANT_ELIGIBILITY)
          .variables(Variables.putValue(RuleDecisions.APPLICANT_TYPE, task.getVariable("applicantType"))
              .putValue(RuleDecisions.EXCEPTION_JUSTIFIED, true))
          .evaluate().getSingleResult());
      errors.require(Boolean.TRUE.equals(withException.getEntry(RuleDecisions.ELIGIBLE)),
          "决定：按现行试点城市申报资格规则，该类申报主体即使书面说明理由也不能参加评审（"
              + withException.getEntry(RuleDecisions.REASON) + "）");
    }
    errors.throwIfAny();
    task.setVariable("exceptionJustified", granted);
    task.setVariable("applicationStatus", granted ? EXCEPTION_GRANTED : INELIGIBLE);
  }
}
