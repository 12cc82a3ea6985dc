package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.FINAL_SCORE;
import static org.pilotcity.evaluation.EvaluationOptions.OUTCOME;
import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;
import static org.pilotcity.evaluation.EvaluationOptions.PROGRAM_YEAR;
import static org.pilotcity.evaluation.EvaluationOptions.SCORE_KIND;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Settlement;
import org.springframework.stereotype.Component;

/**
 * Settles the pilot's award by the final score (资金结算): once per pilot. A retried job writes nothing
 * twice; another instance settling the same pilot is refused.
 */
@Component("settleEvaluation")
public class SettleEvaluation implements JavaDelegate {

  private final Ledger ledger;

  public SettleEvaluation(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Settlement settlement = ledger.settle(new Settlement((String) execution.getVariable(PILOT_KEY),
        ((Number) execution.getVariable(PROGRAM_YEAR)).intValue(),
        BigDecimal.valueOf(((Number) execution.getVariable(FINAL_SCORE)).doubleValue()),
        (String) execution.getVariable(OUTCOME), (String) execution.getVariable(SCORE_KIND),
        execution.getProcessInstanceId(), null));
    execution.setVariable("settledAt", settlement.settledAt().toString());
  }
}
