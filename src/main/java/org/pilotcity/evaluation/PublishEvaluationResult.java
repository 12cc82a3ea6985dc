package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.AREA_SCORES;
import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;
import static org.pilotcity.evaluation.EvaluationOptions.PROGRAM_YEAR;
import static org.pilotcity.evaluation.EvaluationOptions.PROVINCIAL;
import static org.pilotcity.evaluation.EvaluationOptions.PROVINCIAL_OUTCOME;
import static org.pilotcity.evaluation.EvaluationOptions.PROVINCIAL_SCORE;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Evaluation;
import org.pilotcity.funds.Ledger.PublishedResult;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Records the provincial evaluation in the ledger and publishes the result (向社会公开; the published
 * record is also what goes to the ministry, copied to its local bureau): score, outcome, award and the use
 * of funds. A retried job writes nothing twice; a second evaluation of the same pilot is refused.
 */
@Component("publishEvaluationResult")
public class PublishEvaluationResult implements JavaDelegate {

  private final Ledger ledger;

  public PublishEvaluationResult(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String pilotKey = (String) execution.getVariable(PILOT_KEY);
    int year = ((Number) execution.getVariable(PROGRAM_YEAR)).intValue();
    BigDecimal score = BigDecimal.valueOf(((Number) execution.getVariable(PROVINCIAL_SCORE)).doubleValue());
    String areaScores = JsonVariables.write(JsonVariables.read(execution.getVariable(AREA_SCORES)));
    ledger.recordEvaluation(new Evaluation(pilotKey, year, PROVINCIAL, score, areaScores,
        execution.getProcessInstanceId(), null));
    PublishedResult published = ledger.publish(pilotKey, year, score,
        (String) execution.getVariable(PROVINCIAL_OUTCOME), sourceId(execution));
    execution.setVariable("publishedResultId", published.id());
  }

  /** The ledger's source of a service task's write: the instance and the step. */
  static String sourceId(DelegateExecution execution) {
    return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
  }
}
