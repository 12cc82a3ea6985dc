package org.pilotcity.monitoring;

import java.util.List;
import java.util.Set;

/**
 * Names of the quarterly monitoring (季度动态监测): its process and tables, the variables its steps and
 * forms share, and the limits of what a form may send.
 */
final class MonitoringOptions {

  static final String PROCESS_KEY = "quarterlyMonitoring";
  static final String SCHEDULE_DECISION = "monitoringSchedule";
  static final String LAG_DECISION = "monitoringLag";

  // the pilot, as pilotTerm hands it over
  static final String PILOT_KEY = "pilotKey";
  static final String PROGRAM_YEAR = "programYear";
  static final String INDICATOR_TARGETS = "indicatorTargets";
  static final List<String> PILOT = List.of("pilotKey", "applicantUnitCode", "applicantUnitName", "cityCode",
      "cityName", "cityGroup", "programYear", "fundingLevel");

  // pilotTerm's monitoring event sub-process (local to each firing)
  static final String MONITORED_QUARTER = "monitoredQuarter";
  static final String MONITORING_KEY = "monitoringKey";
  static final String QUARTER_MONITORED = "quarterMonitored";

  // quarterlyMonitoring
  static final String QUARTER = "quarter";
  static final String QUARTER_END = "quarterEnd";
  static final String REPORT_DUE = "reportDue";
  static final String RESPONSE_DAYS = "responseDays";
  static final String WARNING_DUE = "warningDue";
  static final String MONITORING_INDICATORS = "monitoringIndicators";
  static final String REPORTING_DEPARTMENTS = "reportingDepartments";
  static final String DEPARTMENT = "department";
  static final String MONITORING_ROWS = "monitoringRows";
  static final String MONITORING_PROGRESS = "monitoringProgress";
  static final String MONITORING_PROGRESS_TEXT = "monitoringProgressText";
  static final String LAGGING_INDICATORS = "laggingIndicators";
  static final String LAG_RESULT = "lagResult";
  static final String LAG_REASON = "lagReason";
  /** True when the pilot lags: Tasklist filters and reports select the warnings by it. */
  static final String MONITORING_WARNING = "monitoringWarning";
  static final String LAG_CAUSES = "lagCauses";
  static final String SUPERVISION_MEASURES = "supervisionMeasures";

  /** The numbered value fields of the report form: value_1 … value_40 (n = row of indicatorTargets). */
  static final String VALUE_PREFIX = "value_";
  static final int SLOTS = 40;
  /** Decimal places a reported value may have (the table keeps 4). */
  static final int VALUE_SCALE = 4;
  /** Values must stay below 10^15 in magnitude (the table's 24 digits, 4 of them decimals). */
  static final int VALUE_MAX_DIGITS = 15;
  static final int TEXT_MAX = 2000;

  /** Scoring rules whose indicator gets better as it falls (rates, fees). */
  static final Set<String> LOWER_IS_BETTER = Set.of("BELOW_CEILING");

  static final String[] QUARTER_NAMES = {"第一季度", "第二季度", "第三季度", "第四季度"};

  private MonitoringOptions() {}

  static String quarterName(int quarter) {
    return QUARTER_NAMES[quarter - 1];
  }
}
