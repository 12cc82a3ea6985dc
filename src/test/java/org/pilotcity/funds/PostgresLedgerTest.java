package org.pilotcity.funds;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pilotcity.support.Postgres;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger on PostgreSQL, migrated into a schema of its own by the same script. */
@ExtendWith(Postgres.class)
class PostgresLedgerTest extends LedgerContract {

  static final String SCHEMA = "pilotcity_ledger_it";
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
  void emptyTables() {
    new JdbcTemplate(postgres).execute("truncate pc_repayment, pc_clawback, pc_settlement, pc_published_result,"
        + " pc_evaluation, pc_fund_use_check, pc_fund_use, pc_fund_transfer, pc_award");
  }
}
