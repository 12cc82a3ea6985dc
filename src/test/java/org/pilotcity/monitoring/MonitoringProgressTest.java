package org.pilotcity.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.pilotcity.calendar.Deadlines;

/** How far an indicator has come towards its target, whichever way it is better, and when quarters start. */
class MonitoringProgressTest {

  static BigDecimal progress(String baseline, String target, String value, boolean lowerIsBetter) {
    return ComputeMonitoringProgress.progress(baseline == null ? null : new BigDecimal(baseline),
        new BigDecimal(target), new BigDecimal(value), lowerIsBetter);
  }

  @Test
  void progressIsTheShareOfThePlannedImprovementMade() {
    assertThat(progress("80", "100", "85", false)).isEqualByComparingTo("0.25");
    assertThat(progress("80", "100", "120", false)).isEqualByComparingTo("2");
    assertThat(progress("80", "100", "70", false)).isEqualByComparingTo("-0.5");
    assertThat(progress("80", "100", "86.6667", false)).isEqualByComparingTo("0.3333");
    // a missing prior-year actual counts as 0
    assertThat(progress(null, "100", "30", false)).isEqualByComparingTo("0.3");
  }

  @Test
  void progressIsRoundedDownSoThatAPilotJustBelowTheLagLineStaysBelowIt() {
    // 24.9996 % of the improvement: kept as 0.2499, shown as 24.9 %, never as the 25 % the mid-year line asks
    assertThat(progress("0", "100000", "24999.96", false)).isEqualByComparingTo("0.2499");
    assertThat(ComputeMonitoringProgress.percent(new BigDecimal("0.2499"))).isEqualTo("24.9%");
    assertThat(progress("80", "100", "70.00001", false)).isEqualByComparingTo("-0.5");
  }

  @Test
  void aRateThatShouldFallProgressesAsItFalls() {
    assertThat(progress("6", "5", "5.5", true)).isEqualByComparingTo("0.5");
    assertThat(progress("6", "5", "6.2", true)).isEqualByComparingTo("-0.2");
    assertThat(progress("6", "5", "4.8", true)).isEqualByComparingTo("1.2");
  }

  @Test
  void withoutPlannedImprovementMeetingTheTargetIsAllThereIsToDo() {
    // target equal to the prior-year actual
    assertThat(progress("100", "100", "100", false)).isEqualByComparingTo("1");
    assertThat(progress("100", "100", "99.9", false)).isEqualByComparingTo("0");
    assertThat(progress("1", "1", "1", true)).isEqualByComparingTo("1");
    assertThat(progress("1", "1", "1.1", true)).isEqualByComparingTo("0");
    // a ceiling above last year's rate: staying below it is enough
    assertThat(progress("4", "5", "4.5", true)).isEqualByComparingTo("1");
    assertThat(progress("4", "5", "5.5", true)).isEqualByComparingTo("0");
    // a target below last year's level
    assertThat(progress("100", "90", "95", false)).isEqualByComparingTo("1");
  }

  @Test
  void percentagesForTheForms() {
    assertThat(ComputeMonitoringProgress.percent(new BigDecimal("0.165"))).isEqualTo("16.5%");
    assertThat(ComputeMonitoringProgress.percent(new BigDecimal("-0.5"))).isEqualTo("-50.0%");
    assertThat(ComputeMonitoringProgress.percent(BigDecimal.ONE)).isEqualTo("100.0%");
  }

  @Test
  void aQuartersMonitoringStartsAtMidnightInBeijingAfterItsLastDay() {
    assertThat(MonitoringSchedule.quarterEnd(2027, 2)).hasToString("2027-06-30");
    assertThat(MonitoringSchedule.quarterEnd(2028, 1)).hasToString("2028-03-31");
    ZonedDateTime third = MonitoringSchedule.start(2027, 3);
    assertThat(third.toInstant().toString()).isEqualTo("2027-09-30T16:00:00Z");
    assertThat(MonitoringSchedule.year(2027)).isEqualTo(2027);
    assertThat(MonitoringSchedule.year(" 2027 ")).isEqualTo(2027);
    assertThat(new Deadlines().afterYearEnd(2027).toInstant()).isEqualTo(MonitoringSchedule.start(2027, 4).toInstant());
    assertThat(PrepareQuarterlyMonitoring.quarter(2.0)).isEqualTo(2);
    assertThat(PrepareQuarterlyMonitoring.quarter(2.5)).isNull();
    assertThat(PrepareQuarterlyMonitoring.quarter(0)).isNull();
    assertThat(PrepareQuarterlyMonitoring.quarter("5")).isNull();
    ClockUtil.reset();
    assertThat(ClockUtil.getCurrentTime()).isBeforeOrEqualTo(new Date());
  }
}
