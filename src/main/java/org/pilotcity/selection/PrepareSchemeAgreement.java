package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.AGREEMENT_COMMENT;
import static org.pilotcity.selection.SelectionVariables.AGREEMENT_DECISION;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a department's 会签评审方案 opens: its answer ({@code agreementDecision}, {@code agreementComment})
 * becomes a local variable of that department's instance of the multi-instance task, so the five parallel
 * answers never overwrite each other, whether they come from Tasklist ({@code submit-form}, written to the
 * task) or from REST/Java ({@code complete}, written to the task's execution). Each answer is kept in
 * {@code schemeAgreements} by {@link RecordSchemeAgreement}.
 */
@Component("prepareSchemeAgreement")
public class PrepareSchemeAgreement implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.getExecution().setVariableLocal(AGREEMENT_DECISION, null);
    task.getExecution().setVariableLocal(AGREEMENT_COMMENT, null);
  }
}
