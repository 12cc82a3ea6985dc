package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.EVALUATION_DUE;
import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;
import static org.pilotcity.evaluation.EvaluationOptions.PROGRAM_YEAR;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.JsonVariables;
import org.pilotcity.monitoring.MonitoringRecords;
import org.pilotcity.monitoring.MonitoringRecords.MonitoringValue;
import org.springframework.stereotype.Component;

/**
 * Starts an annual evaluation: the pilot (pilotKey, the business key), the evaluated year and the city's
 * accepted indicator sheet must be there; the evaluation deadline, when the caller gives one, is kept as an
 * ISO date (as forms show it). Without one, the model asks the programme calendar and
 * {@link #recordEvaluationDue} keeps its {@code evaluationDue}.
 *
 * <p>The in-year monitoring values (季度动态监测) go beside each indicator of the forms: {@code monitoringValues},
 * one row per row of {@code indicatorTargets} in the same order (code, name, area, unit, q1…q4 and a text
 * such as "第二季度 12.5亿元；第三季度 14亿元").
 */
@Component("prepareAnnualEvaluation")
public class PrepareAnnualEvaluation implements ExecutionListener {

  static final String CALENDAR_RESULT = "evaluationCalendar";
  static final String MONITORING_VALUES = "monitoringValues";
  static final String[] QUARTER_NAMES = {"第一季度", "第二季度", "第三季度", "第四季度"};

  private final MonitoringRecords monitoring;

  public PrepareAnnualEvaluation(MonitoringRecords monitoring) {
    this.monitoring = monitoring;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    Object pilotKey = execution.getVariable(PILOT_KEY);
    if (pilotKey == null || pilotKey.toString().isBlank()) {
      problems.add("缺少试点编号（pilotKey）");
    }
    Integer year = year(execution.getVariable(PROGRAM_YEAR));
    if (year == null) {
      problems.add("缺少被评价年度（programYear），收到“" + execution.getVariable(PROGRAM_YEAR) + "”");
    }
    for (String name : List.of("applicantUnitCode", "cityName")) {
      Object value = execution.getVariable(name);
      if (value == null || value.toString().isBlank()) {
        problems.add("缺少" + name);
      }
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("不能开始年度绩效评价：" + String.join("；", problems) + "。");
    }
    List<EvaluationSheet.Row> rows;
    try {
      rows = EvaluationSheet.rows(execution);
    } catch (IllegalStateException unusable) {
      throw new BadUserRequestException("不能开始年度绩效评价：" + unusable.getMessage());
    }
    execution.setVariable(MONITORING_VALUES, JsonVariables.json(monitoringValues(pilotKey.toString(), rows)));
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(pilotKey.toString());
    }
    execution.setVariable(PROGRAM_YEAR, year);
    Object due = execution.getVariable(EVALUATION_DUE);
    if (due != null) {
      try {
        execution.setVariable(EVALUATION_DUE, Deadlines.toLocalDate(due).toString());
      } catch (RuntimeException notADate) {
        throw new BadUserRequestException("不能开始年度绩效评价：评价截止日（evaluationDue）“" + due + "”不是日期。");
      }
    }
  }

  /**
   * After the business rule task on {@code programCalendar}: its {@code evaluationDue} as an ISO date
   * ({@link Deadlines#tableDay}).
   */
  public void recordEvaluationDue(DelegateExecution execution) {
    Map<?, ?> row = (Map<?, ?>) execution.getVariable(CALENDAR_RESULT);
    Object due = row == null ? null : row.get(EVALUATION_DUE);
    if (due == null) {
      throw new IllegalStateException("programCalendar gave no evaluationDue for " + execution.getVariable(PROGRAM_YEAR));
    }
    execution.setVariable(EVALUATION_DUE, Deadlines.tableDay(due).toString());
    execution.removeVariable(CALENDAR_RESULT);
  }

  /** Per plan row, the quarterly values reported for it during the year. */
  private ArrayNode monitoringValues(String pilotKey, List<EvaluationSheet.Row> rows) {
    Map<String, List<MonitoringValue>> byCode = monitoring.values(pilotKey).stream()
        .collect(Collectors.groupingBy(MonitoringValue::indicatorCode));
    ArrayNode result = JsonVariables.array();
    for (EvaluationSheet.Row row : rows) {
      ObjectNode line = result.addObject();
      line.put("code", row.code());
      line.put("name", row.name());
      line.put("area", row.area());
      line.put("unit", row.unit());
      List<String> texts = new ArrayList<>();
      for (MonitoringValue value : byCode.getOrDefault(row.code(), List.of())) {
        String plain = value.value().toPlainString();
        line.put("q" + value.quarter(), plain);
        texts.add(QUARTER_NAMES[value.quarter() - 1] + " " + plain + row.unit());
      }
      line.put("text", texts.isEmpty() ? "无" : String.join("；", texts));
    }
    return result;
  }

  static Integer year(Object value) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.intValue();
    }
    if (value instanceof String text && text.trim().matches("\\d{4}")) {
      return Integer.valueOf(text.trim());
    }
    return null;
  }
}
