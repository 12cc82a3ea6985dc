package org.pilotcity.monitoring;

import javax.sql.DataSource;
import org.pilotcity.support.MoneyRecords;
import org.springframework.jdbc.core.JdbcTemplate;

/** The monitoring table on H2, the default database, migrated with the money records (db/migration). */
class H2MonitoringRecordsTest extends MonitoringRecordsContract {

  @Override
  DataSource dataSource() {
    return MoneyRecords.dataSource();
  }

  @Override
  void emptyTable() {
    new JdbcTemplate(MoneyRecords.dataSource()).update("delete from pc_monitoring_value");
  }
}
