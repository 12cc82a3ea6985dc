package org.pilotcity.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pilotcity.support.RunningApplication;

/** Production without a configured administrator does not start, and says why. */
class AdministratorRequiredTest {

  @Test
  void postgresProfileWithoutAdministratorStopsWithAClearMessage() {
    // the profile's rules are under test, not the database: an in-memory one will do
    assertThatThrownBy(() -> RunningApplication.start("postgres", Map.of(
        "spring.datasource.url", "jdbc:h2:mem:no-admin;DB_CLOSE_DELAY=-1",
        "spring.datasource.driver-class-name", "org.h2.Driver",
        "camunda.bpm.database.type", "h2")).close())
        .hasStackTraceContaining(AdministratorRequired.MESSAGE);
  }
}
