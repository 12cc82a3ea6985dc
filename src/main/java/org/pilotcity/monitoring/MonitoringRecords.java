package org.pilotcity.monitoring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The quarterly monitoring values (季度动态监测数据) in the application's own table
 * {@code pc_monitoring_value} ({@code db/migration/V2}): one value per pilot, quarter and indicator, reported
 * by the indicator's responsible department. Rows are only inserted. The same step reporting again (a
 * retried completion) gets its rows back and writes nothing twice; a value that another step already
 * reported is refused — and the table's unique constraint refuses it too, should two writers race past
 * the look-up.
 *
 * <p>In the application the template uses Spring's DataSource, so a report commits or rolls back with the
 * engine's transaction (a refused form leaves nothing behind). Times come from the engine's clock.
 */
@Component
public class MonitoringRecords {

  /** One reported value. {@code sourceId} is the id of the task that reported it. */
  public record MonitoringValue(Long id, String pilotKey, int programYear, int quarter, String indicatorCode,
      BigDecimal value, String department, String reportedBy, Instant reportedAt, String sourceId) {}

  private static final RowMapper<MonitoringValue> VALUE = (ResultSet rs, int row) -> new MonitoringValue(
      rs.getLong("id"), rs.getString("pilot_key"), rs.getInt("program_year"), rs.getInt("quarter"),
      rs.getString("indicator_code"), plain(rs.getBigDecimal("indicator_value")), rs.getString("department"),
      rs.getString("reported_by"), instant(rs, "reported_at"), rs.getString("source_id"));

  private final JdbcTemplate jdbc;

  public MonitoringRecords(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * Records a department's values of one quarter (indicator code → value, in the order given). A repeat by
   * the same source returns what it recorded; a value already reported by another source is refused.
   */
  public List<MonitoringValue> report(String pilotKey, int programYear, int quarter, String department,
      Map<String, BigDecimal> values, String reportedBy, String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1-4: " + quarter);
    }
    List<MonitoringValue> existing = quarter(pilotKey, quarter);
    // every value is checked before any is written: a refused report leaves nothing behind
    for (String code : values.keySet()) {
      existing.stream().filter(v -> v.indicatorCode().equals(code) && !v.sourceId().equals(sourceId)).findFirst()
          .ifPresent(known -> {
            throw new BadUserRequestException("试点" + pilotKey + "第" + quarter + "季度指标" + code
                + "的监测数据已由" + known.department() + "报送（" + known.reportedAt() + "），不得重复报送"
                + " (monitoring value already reported by another step)");
          });
    }
    List<MonitoringValue> result = new ArrayList<>();
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    for (Map.Entry<String, BigDecimal> entry : values.entrySet()) {
      MonitoringValue known = existing.stream().filter(v -> v.indicatorCode().equals(entry.getKey()))
          .findFirst().orElse(null);
      if (known != null) {
        result.add(known); // the same step again: already written
        continue;
      }
      jdbc.update("insert into pc_monitoring_value (pilot_key, program_year, quarter, indicator_code,"
              + " indicator_value, department, reported_by, reported_at, source_id) values (?,?,?,?,?,?,?,?,?)",
          pilotKey, programYear, quarter, entry.getKey(), entry.getValue(), department, reportedBy, now, sourceId);
      result.add(one(pilotKey, quarter, entry.getKey()));
    }
    return result;
  }

  /** Every value of a pilot, by quarter, then in the order they were reported. */
  public List<MonitoringValue> values(String pilotKey) {
    return jdbc.query("select * from pc_monitoring_value where pilot_key = ? order by quarter, id", VALUE, pilotKey);
  }

  /** The values of one quarter of a pilot, in the order they were reported. */
  public List<MonitoringValue> quarter(String pilotKey, int quarter) {
    return jdbc.query("select * from pc_monitoring_value where pilot_key = ? and quarter = ? order by id", VALUE,
        pilotKey, quarter);
  }

  private MonitoringValue one(String pilotKey, int quarter, String indicatorCode) {
    return jdbc.queryForObject("select * from pc_monitoring_value where pilot_key = ? and quarter = ?"
        + " and indicator_code = ?", VALUE, pilotKey, quarter, indicatorCode);
  }

  private static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
