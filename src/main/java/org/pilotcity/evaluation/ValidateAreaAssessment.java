package org.pilotcity.evaluation;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.evaluation.EvaluationSheet.Row;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.CatalogueContents;
import org.pilotcity.rules.EvaluationArea;
import org.pilotcity.rules.IndicatorScoring;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Checks a team's assessed values (考核值) before its assessment task completes: one number for every
 * indicator of the team's areas in the city's sheet, in the numbered field {@code area<a>_<n>} (n = the
 * row of {@code indicatorTargets}); not negative unless the indicator's scoring rule measures a growth.
 * All problems at once, each naming the indicator; nothing is saved when one is wrong.
 *
 * <p>Then scores every indicator by its rule (DMN {@code indicatorScore}) and keeps the team's sheet as
 * Json rows (e.g. {@code serviceAreasAssessment}: code, name, area, points, unit, baseline, target,
 * assessed, score) for the confirming department and the total. A new submission waits for a new
 * confirmation.
 */
@Component("validateAreaAssessment")
public class ValidateAreaAssessment implements TaskListener {

  private final IndicatorScoring scoring;

  public ValidateAreaAssessment(IndicatorScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public void notify(DelegateTask task) {
    EvaluationTeam team = EvaluationTeam.ofAssessTask(task.getTaskDefinitionKey());
    List<Row> sheetRows = EvaluationSheet.rows(task);
    List<Row> rows = sheetRows.stream().filter(r -> team.covers(r.area())).toList();
    CatalogueContents catalogue = EvaluationSheet.catalogue(task.getProcessEngineServices(), sheetRows);

    FormErrors errors = FormErrors.of(task);
    Map<Row, BigDecimal> assessed = new LinkedHashMap<>();
    for (Row row : rows) {
      String label = "“" + row.name() + "”考核值";
      Object raw = task.getVariable(EvaluationTeam.slotVariable(row.area(), row.slot()));
      String rule = catalogue.indicator(row.code()).scoringRule();
      BigDecimal value = errors.indicatorValue(label, raw, row.unit(), IndicatorScoring.allowsNegative(rule));
      if (value != null) {
        assessed.put(row, value);
      }
    }
    errors.throwIfAny();

    ArrayNode sheet = JsonVariables.array();
    Map<EvaluationArea, BigDecimal[]> sums = new LinkedHashMap<>();
    team.areas().forEach(area -> sums.put(area, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO}));
    for (Map.Entry<Row, BigDecimal> entry : assessed.entrySet()) {
      Row row = entry.getKey();
      String rule = catalogue.indicator(row.code()).scoringRule();
      BigDecimal score = EvaluationOptions.clean(AsProgram.call(
          () -> scoring.score(rule, row.points(), row.baseline(), row.target(), entry.getValue())));
      ObjectNode line = sheet.addObject();
      line.put("slot", row.slot());
      line.put("code", row.code());
      line.put("name", row.name());
      line.put("area", row.area());
      JsonVariables.put(line, "points", row.points());
      line.put("unit", row.unit());
      line.put("scoringRule", rule);
      JsonVariables.put(line, "baseline", row.baseline());
      JsonVariables.put(line, "target", row.target());
      JsonVariables.put(line, "assessed", entry.getValue());
      JsonVariables.put(line, "score", score);
      line.put("scoreText", EvaluationOptions.text(score));
      BigDecimal[] sum = sums.get(EvaluationArea.byNumber(row.area()).orElseThrow());
      sum[0] = sum[0].add(score);
      sum[1] = sum[1].add(row.points());
    }
    task.setVariable(team.assessmentVariable(), JsonVariables.json(sheet));
    task.setVariable(team.summaryVariable(), summary(team, sums));
    // the confirming department decides afresh on every submission
    task.removeVariable(team.confirmationVariable());
  }

  /** "一方面得分38.50分（满分40分）；三方面得分20分（满分20分）". */
  private static String summary(EvaluationTeam team, Map<EvaluationArea, BigDecimal[]> sums) {
    List<String> parts = new ArrayList<>();
    sums.forEach((area, sum) -> parts.add(EvaluationSheet.areaName(area).substring(0, 1) + "方面得分"
        + EvaluationOptions.text(sum[0]) + "分（满分" + sum[1].stripTrailingZeros().toPlainString() + "分）"));
    return team.label() + "考核得分合计：" + String.join("；", parts);
  }
}
