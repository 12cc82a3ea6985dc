package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.EVALUATION_DUE;
import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;
import static org.pilotcity.evaluation.EvaluationOptions.PROGRAM_YEAR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pilotcity.calendar.Deadlines;
import org.springframework.stereotype.Component;

/**
 * Starts an annual evaluation: the pilot (pilotKey, the business key), the evaluated year and the city's
 * accepted indicator sheet must be there; the evaluation deadline, when the caller gives one, is kept as an
 * ISO date (as forms show it). Without one, the model asks the programme calendar and
 * {@link #recordEvaluationDue} keeps its {@code evaluationDue}.
 */
@Component("prepareAnnualEvaluation")
public class PrepareAnnualEvaluation implements ExecutionListener {

  static final String CALENDAR_RESULT = "evaluationCalendar";

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
    try {
      EvaluationSheet.rows(execution);
    } catch (IllegalStateException unusable) {
      throw new BadUserRequestException("不能开始年度绩效评价：" + unusable.getMessage());
    }
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
