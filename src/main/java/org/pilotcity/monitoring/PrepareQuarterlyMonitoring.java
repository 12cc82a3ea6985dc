package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_INDICATORS;
import static org.pilotcity.monitoring.MonitoringOptions.PILOT;
import static org.pilotcity.monitoring.MonitoringOptions.PILOT_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.PROGRAM_YEAR;
import static org.pilotcity.monitoring.MonitoringOptions.QUARTER;
import static org.pilotcity.monitoring.MonitoringOptions.QUARTER_END;
import static org.pilotcity.monitoring.MonitoringOptions.REPORTING_DEPARTMENTS;
import static org.pilotcity.monitoring.MonitoringOptions.REPORT_DUE;
import static org.pilotcity.monitoring.MonitoringOptions.RESPONSE_DAYS;
import static org.pilotcity.monitoring.MonitoringOptions.WARNING_DUE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.evaluation.EvaluationSheet;
import org.pilotcity.forms.JsonVariables;
import org.pilotcity.organization.Department;
import org.pilotcity.organization.Organization;
import org.pilotcity.rules.CatalogueContents;
import org.pilotcity.rules.Indicator;
import org.springframework.stereotype.Component;

/**
 * Starts a quarter's monitoring of a pilot (季度动态监测): the pilot (as pilotTerm hands it over), a quarter
 * the table {@code monitoringSchedule} monitors, and the city's accepted plan must be there; the business key
 * is {@code <pilotKey>-Q<quarter>}. Then it lays out what the departments report:
 * <ul>
 *   <li>{@code monitoringIndicators}: the plan's rows in its order (row n = the form's field value_n: code,
 *       name, area, points, unit, baseline, target) with the responsible department, scoring rule and data
 *       definition of each indicator from the current catalogue;</li>
 *   <li>{@code reportingDepartments}: the distinct departments, one report task each;</li>
 *   <li>{@code quarterEnd}, {@code reportDue} (quarter end + the table's reportDays) and {@code warningDue}
 *       (report deadline + the table's responseDays) as ISO days, and {@code responseDays}.</li>
 * </ul>
 */
@Component("prepareQuarterlyMonitoring")
public class PrepareQuarterlyMonitoring implements ExecutionListener {

  private final MonitoringSchedule schedule;
  private final Organization organization;

  public PrepareQuarterlyMonitoring(MonitoringSchedule schedule, Organization organization) {
    this.schedule = schedule;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    for (String name : PILOT) {
      Object value = execution.getVariable(name);
      if (value == null || value.toString().isBlank()) {
        problems.add("缺少" + name);
      }
    }
    Integer quarter = quarter(execution.getVariable(QUARTER));
    if (quarter == null) {
      problems.add("季度（quarter）须为1—4，收到“" + execution.getVariable(QUARTER) + "”");
    }
    Integer year = null;
    try {
      year = MonitoringSchedule.year(execution.getVariable(PROGRAM_YEAR));
    } catch (IllegalArgumentException notAYear) {
      problems.add("试点年度（programYear）不是年份");
    }
    List<EvaluationSheet.Row> rows = List.of();
    CatalogueContents catalogue = null;
    try {
      rows = EvaluationSheet.rows(execution);
      catalogue = EvaluationSheet.catalogue(execution.getProcessEngineServices(), rows);
    } catch (IllegalStateException unusable) {
      problems.add(unusable.getMessage());
    }
    MonitoringSchedule.Quarter row = quarter == null ? null : schedule.quarter(quarter);
    if (row != null && !row.monitored()) {
      problems.add(MonitoringOptions.quarterName(quarter) + "不开展季度监测（动态监测安排表 monitoringSchedule）");
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("不能开始季度动态监测：" + String.join("；", problems) + "。");
    }
    String key = execution.getVariable(PILOT_KEY) + "-Q" + quarter;
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(key);
    } else if (!execution.getProcessBusinessKey().equals(key)) {
      throw new BadUserRequestException("季度动态监测的业务键须为" + key + "（收到" + execution.getProcessBusinessKey()
          + "） (business key must be <pilotKey>-Q<quarter>)");
    }

    ArrayNode indicators = JsonVariables.array();
    Set<String> departments = new LinkedHashSet<>();
    for (EvaluationSheet.Row plan : rows) {
      Indicator known = catalogue.indicator(plan.code());
      ObjectNode line = indicators.addObject();
      line.put("slot", plan.slot());
      line.put("code", plan.code());
      line.put("name", plan.name());
      line.put("area", plan.area());
      JsonVariables.put(line, "points", plan.points());
      line.put("unit", plan.unit());
      JsonVariables.put(line, "baseline", plan.baseline());
      JsonVariables.put(line, "target", plan.target());
      line.put("department", known.department());
      line.put("departmentName", organization.department(known.department()).map(Department::nameZh)
          .orElse(known.department()));
      line.put("scoringRule", known.scoringRule());
      line.put("dataDefinition", known.dataDefinition());
      departments.add(known.department());
    }
    LocalDate quarterEnd = MonitoringSchedule.quarterEnd(year, quarter);
    execution.setVariable(QUARTER, quarter);
    execution.setVariable(PROGRAM_YEAR, year);
    execution.setVariable("quarterName", MonitoringOptions.quarterName(quarter));
    execution.setVariable(QUARTER_END, quarterEnd.toString());
    LocalDate reportDue = quarterEnd.plusDays(row.reportDays());
    execution.setVariable(REPORT_DUE, reportDue.toString());
    execution.setVariable(RESPONSE_DAYS, row.responseDays());
    // moved later by RecordMonitoringLag when the reports come in late
    execution.setVariable(WARNING_DUE, reportDue.plusDays(row.responseDays()).toString());
    execution.setVariable(MONITORING_INDICATORS, JsonVariables.json(indicators));
    execution.setVariable(REPORTING_DEPARTMENTS, Variables.objectValue(new ArrayList<>(departments))
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
  }

  static Integer quarter(Object value) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.intValue() >= 1 && number.intValue() <= 4) {
      return number.intValue();
    }
    if (value instanceof String text && text.trim().matches("[1-4]")) {
      return Integer.valueOf(text.trim());
    }
    return null;
  }
}
