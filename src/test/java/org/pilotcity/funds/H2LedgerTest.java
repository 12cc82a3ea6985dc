package org.pilotcity.funds;

import javax.sql.DataSource;
import org.pilotcity.support.MoneyRecords;

/** The ledger on H2, the default database. */
class H2LedgerTest extends LedgerContract {

  @Override
  DataSource dataSource() {
    return MoneyRecords.dataSource();
  }

  @Override
  void emptyTables() {
    MoneyRecords.clear();
  }
}
