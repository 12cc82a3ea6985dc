package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.LAGGING_INDICATORS;
import static org.pilotcity.monitoring.MonitoringOptions.LAG_DECISION;
import static org.pilotcity.monitoring.MonitoringOptions.LOWER_IS_BETTER;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_INDICATORS;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_PROGRESS;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_PROGRESS_TEXT;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_ROWS;
import static org.pilotcity.monitoring.MonitoringOptions.PILOT_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.QUARTER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.forms.JsonVariables;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * The pilot's progress after a quarter's reports (计算监测进度). For each indicator, the share of the year's
 * planned improvement already made: (value − baseline) ÷ (target − baseline), which reads the same way for
 * an indicator that gets better as it falls (a rate: baseline − value over baseline − target). When the plan
 * foresees no improvement (target equal to the baseline, or on the wrong side of it) meeting the target is
 * full progress and missing it none; a missing baseline counts as 0. Each indicator is judged by the table
 * {@code monitoringLag} for the quarter; the pilot's progress is the points-weighted mean of its indicators'
 * progress, each held to 0–1 so that one indicator far ahead cannot hide others behind (the table judges it
 * in the next step). Keeps {@code monitoringRows} (every indicator with its value and progress),
 * {@code laggingIndicators} (those the table finds lagging) and {@code monitoringProgress}.
 */
@Component("computeMonitoringProgress")
public class ComputeMonitoringProgress implements JavaDelegate {

  private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

  private final MonitoringRecords records;

  public ComputeMonitoringProgress(MonitoringRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String pilotKey = String.valueOf(execution.getVariable(PILOT_KEY));
    int quarter = ((Number) execution.getVariable(QUARTER)).intValue();
    Map<String, BigDecimal> reported = new HashMap<>();
    records.quarter(pilotKey, quarter).forEach(v -> reported.put(v.indicatorCode(), v.value()));
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();

    ArrayNode rows = JsonVariables.array();
    ArrayNode lagging = JsonVariables.array();
    BigDecimal weighted = BigDecimal.ZERO;
    BigDecimal points = BigDecimal.ZERO;
    for (JsonNode indicator : JsonVariables.elements(execution.getVariable(MONITORING_INDICATORS))) {
      String code = indicator.path("code").asText();
      BigDecimal value = reported.get(code);
      if (value == null) {
        throw new IllegalStateException("no monitoring value of " + code + " for " + pilotKey + " Q" + quarter);
      }
      BigDecimal baseline = JsonVariables.number(indicator, "baseline");
      BigDecimal target = JsonVariables.number(indicator, "target");
      boolean lowerIsBetter = LOWER_IS_BETTER.contains(indicator.path("scoringRule").asText());
      BigDecimal progress = progress(baseline, target, value, lowerIsBetter);
      DmnDecisionResultEntries judged = AsProgram.call(() -> decisions.evaluateDecisionByKey(LAG_DECISION)
          .variables(Variables.putValue(QUARTER, quarter).putValue("progress", progress.doubleValue()))
          .evaluate().getSingleResult());

      ObjectNode row = rows.addObject();
      row.put("slot", indicator.path("slot").asInt());
      row.put("code", code);
      row.put("name", indicator.path("name").asText());
      row.put("area", indicator.path("area").asInt());
      row.put("unit", indicator.path("unit").asText());
      row.put("departmentName", indicator.path("departmentName").asText());
      JsonVariables.put(row, "baseline", baseline);
      JsonVariables.put(row, "target", target);
      JsonVariables.put(row, "value", value);
      JsonVariables.put(row, "progress", progress);
      row.put("progressText", percent(progress));
      row.put("lagging", Boolean.TRUE.equals(judged.getEntry("lagging")));
      row.put("lagReason", String.valueOf((Object) judged.getEntry("lagReason")));
      if (row.path("lagging").asBoolean()) {
        lagging.add(row.deepCopy());
      }
      BigDecimal weight = JsonVariables.number(indicator, "points");
      weight = weight == null ? BigDecimal.ONE : weight;
      weighted = weighted.add(weight.multiply(progress.max(BigDecimal.ZERO).min(BigDecimal.ONE)));
      points = points.add(weight);
    }
    BigDecimal pilot = points.signum() == 0 ? BigDecimal.ZERO
        : weighted.divide(points, MathContext.DECIMAL64).setScale(4, RoundingMode.FLOOR);
    execution.setVariable(MONITORING_ROWS, JsonVariables.json(rows));
    execution.setVariable(LAGGING_INDICATORS, JsonVariables.json(lagging));
    execution.setVariable(MONITORING_PROGRESS, pilot.doubleValue());
    execution.setVariable(MONITORING_PROGRESS_TEXT, percent(pilot));
  }

  /**
   * The share of the planned improvement made (1 = the year's target reached), to 4 decimals rounded down:
   * rounding up could lift a pilot just below the lag line of {@code monitoringLag} onto it.
   */
  static BigDecimal progress(BigDecimal baseline, BigDecimal target, BigDecimal value, boolean lowerIsBetter) {
    BigDecimal base = baseline == null ? BigDecimal.ZERO : baseline;
    BigDecimal planned = lowerIsBetter ? base.subtract(target) : target.subtract(base);
    if (planned.signum() <= 0) {
      // no improvement planned: meeting the target is all there is to do
      boolean met = lowerIsBetter ? value.compareTo(target) <= 0 : value.compareTo(target) >= 0;
      return met ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    BigDecimal made = lowerIsBetter ? base.subtract(value) : value.subtract(base);
    return made.divide(planned, MathContext.DECIMAL64).setScale(4, RoundingMode.FLOOR);
  }

  /** "37.5%", rounded down like the progress itself (24.99% never reads 25.0%). */
  static String percent(BigDecimal share) {
    BigDecimal value = share.multiply(PERCENT).setScale(1, RoundingMode.FLOOR);
    return value.toPlainString() + "%";
  }
}
