package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.QUARTER;
import static org.pilotcity.monitoring.MonitoringOptions.SCHEDULE_DECISION;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * When the quarterly monitoring (季度动态监测) of a pilot year happens, by the table {@code monitoringSchedule}:
 * which quarters are monitored, and how many days after the quarter's end the departments report and the
 * province answers a lag warning. A quarter's monitoring starts at 00:00 Beijing time of the day after the
 * quarter ends.
 *
 * <p>pilotTerm's monitoring timer asks {@link #cycle} when the pilot starts: an ISO 8601 repeating interval
 * ("R1/2027-07-01T00:00:00+08:00/P3M") that fires at the start of each remaining monitored quarter of the
 * pilot year, from the first to the last (the engine fires times + 1 times, the first at the start). A quarter
 * in between that the table does not monitor is passed over by {@link DetermineMonitoredQuarter}. When no
 * monitored quarter is left, the timer fires once, at the end of the year, and finds nothing to monitor: a
 * cycle always has a due date, so the timer is never broken.
 */
@Component("monitoringSchedule")
public class MonitoringSchedule {

  /** One row of the table for a quarter. */
  public record Quarter(int quarter, boolean monitored, Integer reportDays, Integer responseDays) {}

  static final String PERIOD = "P3M";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /**
   * The timer cycle of the pilot year's remaining monitored quarters, after the engine's clock. The engine
   * asks before the pilot term's start listener has checked the pilot; without a year it answers for the
   * current one (the start is refused then anyway).
   */
  public String cycle(Object programYear) {
    Date now = ClockUtil.getCurrentTime();
    int year;
    try {
      year = year(programYear);
    } catch (IllegalArgumentException notAYear) {
      year = Deadlines.today(now).getYear();
    }
    List<Integer> remaining = new ArrayList<>();
    for (int quarter = 1; quarter <= 4; quarter++) {
      if (quarter(quarter).monitored() && start(year, quarter).toInstant().isAfter(now.toInstant())) {
        remaining.add(quarter);
      }
    }
    if (remaining.isEmpty()) {
      // nothing left this year: one firing at the year's end, which finds no quarter to monitor
      return "R0/" + ISO.format(start(year, 4)) + "/" + PERIOD;
    }
    int first = remaining.get(0);
    int last = remaining.get(remaining.size() - 1);
    return "R" + (last - first) + "/" + ISO.format(start(year, first)) + "/" + PERIOD;
  }

  /** The table's row for a quarter (1–4), read with the program's rights. */
  public Quarter quarter(int quarter) {
    Map<String, Object> row = AsProgram.call(() -> Context.getProcessEngineConfiguration().getDecisionService()
        .evaluateDecisionByKey(SCHEDULE_DECISION).variables(Variables.putValue(QUARTER, quarter)).evaluate()
        .getSingleResult().getEntryMap());
    return new Quarter(quarter, Boolean.TRUE.equals(row.get("monitored")), integer(row.get("reportDays")),
        integer(row.get("responseDays")));
  }

  /** The last day of a quarter. */
  public static LocalDate quarterEnd(int year, int quarter) {
    return LocalDate.of(year, quarter * 3, 1).plusMonths(1).minusDays(1);
  }

  /** When a quarter's monitoring starts: 00:00 Beijing time of the day after the quarter ends. */
  public static ZonedDateTime start(int year, int quarter) {
    return quarterEnd(year, quarter).plusDays(1).atStartOfDay(Deadlines.BEIJING);
  }

  static int year(Object programYear) {
    if (programYear instanceof Number number) {
      return number.intValue();
    }
    if (programYear != null && programYear.toString().trim().matches("\\d{4}")) {
      return Integer.parseInt(programYear.toString().trim());
    }
    throw new IllegalArgumentException("programYear is not a year: " + programYear);
  }

  private static Integer integer(Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }
}
