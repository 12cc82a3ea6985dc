package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.SCHEME_RETURNED;
import static org.pilotcity.selection.SelectionVariables.SCHEME_RETURN_COMMENTS;
import static org.pilotcity.selection.SelectionVariables.SCHEME_ROUND;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 发起会签: opens the next round of agreement on the scheme. Counts the rounds ({@code schemeRound} 1, 2,
 * …) and clears the previous round's return ({@code schemeReturned}, {@code schemeReturnComments}); the
 * agreements of every round stay in {@code schemeAgreements}.
 */
@Component("openSchemeAgreementRound")
public class OpenSchemeAgreementRound implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Object round = execution.getVariable(SCHEME_ROUND);
    execution.setVariable(SCHEME_ROUND, round instanceof Number n ? n.intValue() + 1 : 1);
    execution.setVariable(SCHEME_RETURNED, false);
    execution.setVariable(SCHEME_RETURN_COMMENTS, null);
  }
}
