package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pilotcity.support.Postgres;

/**
 * The production set-up on a real PostgreSQL: postgres profile, administrator from configuration,
 * no demo users. Runs in its own schema of the test database, dropped afterwards.
 */
@ExtendWith(Postgres.class)
class PostgresApplicationStartupTest extends ApplicationStartupContract {

  static final String SCHEMA = "pilotcity_startup_it";
  static final String[] ADMIN = {"opsAdmin", "Pilot-City-2026!"};
  String url;

  @Override
  String profile() {
    return "postgres";
  }

  @Override
  Map<String, String> properties() {
    if (url == null) {
      url = Postgres.freshSchema(SCHEMA);
    }
    return Map.of(
        "spring.datasource.url", url,
        "spring.datasource.username", Postgres.USER,
        "spring.datasource.password", Postgres.PASSWORD,
        "camunda.bpm.admin-user.id", ADMIN[0],
        "camunda.bpm.admin-user.password", ADMIN[1]);
  }

  @Override
  String[] administrator() {
    return ADMIN;
  }

  @Override
  boolean expectsDemoUsers() {
    return false;
  }

  @AfterAll
  void dropSchema() {
    Postgres.dropSchema(SCHEMA);
  }

  @Test
  void runsOnPostgresWithTheConfiguredAdministratorAndNoDemoUser() {
    assertThat(app.jdbc().queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    assertThat(app.engine().getIdentityService().createUserQuery().list()).extracting(u -> u.getId())
        .containsExactly(ADMIN[0]);
    assertThat(app.engine().getIdentityService().createUserQuery().memberOfGroup("camunda-admin").count())
        .isEqualTo(1);
  }
}
