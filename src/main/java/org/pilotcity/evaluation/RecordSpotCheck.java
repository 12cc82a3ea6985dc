package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.FINAL_SCORE;
import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;
import static org.pilotcity.evaluation.EvaluationOptions.PROGRAM_YEAR;
import static org.pilotcity.evaluation.EvaluationOptions.PROVINCIAL_SCORE;
import static org.pilotcity.evaluation.EvaluationOptions.SCORE_KIND;
import static org.pilotcity.evaluation.EvaluationOptions.SPOT_CHECK;
import static org.pilotcity.evaluation.EvaluationOptions.SPOT_CHECK_NOTE;

import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Evaluation;
import org.pilotcity.funds.Ledger.PublishedResult;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.EvaluationArea;
import org.pilotcity.rules.IndicatorScoring;
import org.pilotcity.rules.RuleDecisions;
import org.pilotcity.rules.CatalogueContents;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Records the spot check (抽评): its score from the four checked achievements, weighted by DMN
 * {@code performanceScore}, becomes the final score ({@code finalScore}, {@code scoreKind} SPOT_CHECK).
 * When it differs from the published provincial score, a correction is published — a new record naming
 * the reason; the original stays as it was. Nothing is written twice when the step is repeated.
 */
@Component("recordSpotCheck")
public class RecordSpotCheck implements JavaDelegate {

  private final Ledger ledger;
  private final IndicatorScoring scoring;

  public RecordSpotCheck(Ledger ledger, IndicatorScoring scoring) {
    this.ledger = ledger;
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String pilotKey = (String) execution.getVariable(PILOT_KEY);
    int year = ((Number) execution.getVariable(PROGRAM_YEAR)).intValue();
    Map<EvaluationArea, BigDecimal> achievements = ValidateSpotCheckRescore.achievements(execution);
    BigDecimal spot = EvaluationOptions.publishedScore(AsProgram.call(() -> scoring.totalScore(achievements)));
    CatalogueContents catalogue = EvaluationSheet.catalogue(execution.getProcessEngineServices(),
        EvaluationSheet.rows(execution));
    String areaScores = JsonVariables.write(EvaluationSheet.areaScores(catalogue, achievements));
    ledger.recordEvaluation(new Evaluation(pilotKey, year, SPOT_CHECK, spot, areaScores,
        execution.getProcessInstanceId(), null));
    execution.setVariable("spotCheckScore", spot.doubleValue());
    execution.setVariable("spotCheckAreaScores", JsonVariables.json(JsonVariables.read(areaScores)));
    execution.setVariable(FINAL_SCORE, spot.doubleValue());
    execution.setVariable(SCORE_KIND, SPOT_CHECK);

    BigDecimal published = BigDecimal.valueOf(((Number) execution.getVariable(PROVINCIAL_SCORE)).doubleValue());
    boolean differs = spot.compareTo(published) != 0;
    execution.setVariable("correctionPublished", differs);
    if (differs) {
      String outcome = (String) AsProgram.call(() -> execution.getProcessEngineServices().getDecisionService()
          .evaluateDecisionByKey(RuleDecisions.EVALUATION_OUTCOME)
          .variables(Variables.putValue(RuleDecisions.FINAL_SCORE, spot.doubleValue()))
          .evaluate().getSingleEntry());
      String reason = "财政部抽评得分" + spot.toPlainString() + "分，与已公开的省级评价得分" + published.setScale(2).toPlainString()
          + "分不一致，以抽评得分为准。抽评说明：" + execution.getVariable(SPOT_CHECK_NOTE);
      PublishedResult correction = ledger.publishCorrection(pilotKey, spot, outcome, reason,
          PublishEvaluationResult.sourceId(execution));
      execution.setVariable("correctionResultId", correction.id());
    }
  }
}
