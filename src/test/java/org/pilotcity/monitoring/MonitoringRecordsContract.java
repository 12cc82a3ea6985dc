package org.pilotcity.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilotcity.monitoring.MonitoringRecords.MonitoringValue;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monitoring table's rules, on each database the application runs on: a value per pilot, quarter and
 * indicator, written once; a repeat by the same step writes nothing, another step is refused, and the table
 * itself refuses what the code would let slip (a direct insert).
 */
abstract class MonitoringRecordsContract {

  static final String PILOT = "2027-CENTRAL-210100";
  static final Instant REPORTED = Instant.parse("2027-07-10T02:30:00Z");

  MonitoringRecords records;
  JdbcTemplate jdbc;

  abstract DataSource dataSource();

  abstract void emptyTable();

  @BeforeEach
  void setUp() {
    emptyTable();
    records = new MonitoringRecords(dataSource());
    jdbc = new JdbcTemplate(dataSource());
    ClockUtil.setCurrentTime(Date.from(REPORTED));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Map<String, BigDecimal> values(Object... codesAndValues) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    for (int i = 0; i < codesAndValues.length; i += 2) {
      values.put((String) codesAndValues[i], new BigDecimal(codesAndValues[i + 1].toString()));
    }
    return values;
  }

  @Test
  void aReportIsWrittenOnceAndARepeatOfTheSameStepWritesNothing() {
    List<MonitoringValue> first = records.report(PILOT, 2027, 2, "cbircOffice",
        values("inclusiveLoanBalanceIncrement", "12.5", "inclusiveLoanBalanceGrowthRate", "-3.5"), "lnCbirc", "task-1");
    List<MonitoringValue> again = records.report(PILOT, 2027, 2, "cbircOffice",
        values("inclusiveLoanBalanceIncrement", "12.5", "inclusiveLoanBalanceGrowthRate", "-3.5"), "lnCbirc", "task-1");

    assertThat(again).isEqualTo(first);
    assertThat(count()).isEqualTo(2);
    MonitoringValue increment = first.get(0);
    assertThat(increment.id()).isNotNull();
    assertThat(increment.pilotKey()).isEqualTo(PILOT);
    assertThat(increment.programYear()).isEqualTo(2027);
    assertThat(increment.quarter()).isEqualTo(2);
    assertThat(increment.indicatorCode()).isEqualTo("inclusiveLoanBalanceIncrement");
    assertThat(increment.value()).isEqualTo(new BigDecimal("12.5"));
    assertThat(increment.department()).isEqualTo("cbircOffice");
    assertThat(increment.reportedBy()).isEqualTo("lnCbirc");
    assertThat(increment.reportedAt()).isEqualTo(REPORTED);
    assertThat(increment.sourceId()).isEqualTo("task-1");
    assertThat(first.get(1).value()).isEqualTo(new BigDecimal("-3.5"));

    // another step reporting the same indicator of the same quarter is refused, nothing is added
    assertThatThrownBy(() -> records.report(PILOT, 2027, 2, "cbircOffice",
        values("inclusiveBorrowerIncrement", "100", "inclusiveLoanBalanceIncrement", "13"), "lnCbirc2", "task-2"))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("不得重复报送");
    assertThat(count()).isEqualTo(2);
    // and the table refuses a direct second row
    assertThatThrownBy(() -> jdbc.update("insert into pc_monitoring_value (pilot_key, program_year, quarter,"
        + " indicator_code, indicator_value, department, reported_by, reported_at, source_id)"
        + " values (?, 2027, 2, 'inclusiveLoanBalanceIncrement', 1, 'cbircOffice', 'x', current_timestamp, 'x')", PILOT))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void valuesComeBackByPilotAndQuarterExactlyAsReported() {
    records.report(PILOT, 2027, 3, "pbocBranch", values("inclusiveLoanRate", "4.1234"), "lnPboc", "task-q3");
    records.report(PILOT, 2027, 2, "pbocBranch", values("inclusiveLoanRate", "4.5", "firstTimeBorrowers", "1200"),
        "lnPboc", "task-q2");
    records.report("2027-CENTRAL-210200", 2027, 2, "pbocBranch", values("inclusiveLoanRate", "3.9"), "dlPboc", "task-x");

    assertThat(records.values(PILOT)).extracting(MonitoringValue::quarter, v -> v.value().toPlainString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "4.5"), org.assertj.core.groups.Tuple.tuple(2, "1200"),
            org.assertj.core.groups.Tuple.tuple(3, "4.1234"));
    assertThat(records.quarter(PILOT, 3)).singleElement().satisfies(v -> assertThat(v.sourceId()).isEqualTo("task-q3"));
    assertThat(records.quarter(PILOT, 1)).isEmpty();
    assertThat(records.values("2027-PROVINCIAL-610100")).isEmpty();
  }

  @Test
  void aQuarterOutsideTheYearIsRefusedByTheCodeAndTheTable() {
    assertThatThrownBy(() -> records.report(PILOT, 2027, 5, "pbocBranch", values("inclusiveLoanRate", "4"), "u", "t"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> jdbc.update("insert into pc_monitoring_value (pilot_key, program_year, quarter,"
        + " indicator_code, indicator_value, department, reported_by, reported_at, source_id)"
        + " values (?, 2027, 5, 'inclusiveLoanRate', 1, 'pbocBranch', 'x', current_timestamp, 'x')", PILOT))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(count()).isZero();
  }

  int count() {
    return jdbc.queryForObject("select count(*) from pc_monitoring_value", Integer.class);
  }
}
