package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.AREA_SCORES;
import static org.pilotcity.evaluation.EvaluationOptions.PROVINCIAL_SCORE;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pilotcity.evaluation.EvaluationSheet.Row;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.CatalogueContents;
import org.pilotcity.rules.EvaluationArea;
import org.pilotcity.rules.IndicatorScoring;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * The provincial score (省级评价得分): each area's achievement from the confirmed indicator scores of the
 * three teams ({@link IndicatorScoring#areaAchievement}), weighted by DMN {@code performanceScore}
 * ({@link IndicatorScoring#totalScore}); kept to two decimals, never rounded up. Writes
 * {@code provincialScore} (Double) and {@code areaScores} (Json rows: area, name, weight, achievement).
 */
@Component("computePerformanceScore")
public class ComputePerformanceScore implements JavaDelegate {

  private final IndicatorScoring scoring;

  public ComputePerformanceScore(IndicatorScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Row> rows = EvaluationSheet.rows(execution);
    CatalogueContents catalogue = EvaluationSheet.catalogue(execution.getProcessEngineServices(), rows);
    Map<String, BigDecimal> scores = new HashMap<>();
    for (EvaluationTeam team : EvaluationTeam.values()) {
      JsonNode sheet = JsonVariables.read(execution.getVariable(team.assessmentVariable()));
      if (!sheet.isArray()) {
        throw new IllegalStateException("缺少" + team.label() + "考核结果（" + team.assessmentVariable() + "）");
      }
      sheet.forEach(line -> scores.put(line.path("code").asText(), JsonVariables.number(line, "score")));
    }
    Map<EvaluationArea, BigDecimal> achievements = new EnumMap<>(EvaluationArea.class);
    for (EvaluationArea area : EvaluationArea.values()) {
      achievements.put(area, scoring.areaAchievement(catalogue, area, scores));
    }
    BigDecimal total = EvaluationOptions.publishedScore(AsProgram.call(() -> scoring.totalScore(achievements)));
    execution.setVariable(PROVINCIAL_SCORE, total.doubleValue());
    execution.setVariable(AREA_SCORES, JsonVariables.json(EvaluationSheet.areaScores(catalogue, achievements)));
  }
}
