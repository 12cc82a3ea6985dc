package org.pilotcity.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.pilotcity.funds.Ledger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The money records' tables for the model unit tests: the migration applied to the in-memory database of
 * the test engine (camunda-test.cfg.xml), once per JVM, and a ledger on it.
 */
public final class MoneyRecords {

  private static final String URL = "jdbc:h2:mem:model-unit-test;DB_CLOSE_DELAY=-1";
  private static DataSource dataSource;

  private MoneyRecords() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(URL);
      h2.setUser("sa");
      h2.setPassword("");
      Flyway.configure().dataSource(h2).baselineOnMigrate(true).baselineVersion("0").load().migrate();
      dataSource = h2;
    }
    return dataSource;
  }

  public static Ledger ledger() {
    return new Ledger(dataSource());
  }

  /** Empties every money table, children first (a correction and what it corrects go in one statement). */
  public static void clear() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource());
    for (String table : new String[] {"pc_repayment", "pc_clawback", "pc_settlement", "pc_published_result",
        "pc_evaluation", "pc_fund_use_check", "pc_fund_use", "pc_fund_transfer", "pc_award"}) {
      jdbc.update("delete from " + table);
    }
  }
}
