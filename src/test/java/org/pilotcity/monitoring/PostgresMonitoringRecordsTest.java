package org.pilotcity.monitoring;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pilotcity.support.Postgres;
import org.springframework.jdbc.core.JdbcTemplate;

/** The monitoring table on PostgreSQL, migrated into a schema of its own by the same scripts. */
@ExtendWith(Postgres.class)
class PostgresMonitoringRecordsTest extends MonitoringRecordsContract {

  static final String SCHEMA = "pilotcity_monitoring_it";
  static DataSource postgres;

  @BeforeAll
  static void migrate() {
    postgres = Postgres.migratedSchema(SCHEMA);
  }

  @AfterAll
  static void drop() {
    Postgres.dropSchema(SCHEMA);
  }

  @Override
  DataSource dataSource() {
    return postgres;
  }

  @Override
  void emptyTable() {
    new JdbcTemplate(postgres).execute("truncate pc_monitoring_value");
  }
}
