package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.COMMENT_MAX;
import static org.pilotcity.evaluation.EvaluationOptions.COMPLIANCE_FINDINGS;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/** The local bureau's finding on the use of the award: compliant or not, always with a note. */
@Component("validateFundCompliance")
public class ValidateFundCompliance implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors.of(task)
        .choice("fundComplianceFinding", "核查结论", COMPLIANCE_FINDINGS)
        .text("fundComplianceNote", "核查说明", COMMENT_MAX)
        .throwIfAny();
  }
}
