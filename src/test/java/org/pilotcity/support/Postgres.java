package org.pilotcity.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL server of the test machine (127.0.0.1:5432, database test, user postgres). Tests
 * using it run when it answers; when it does not, they are skipped with a message — unless the run
 * says {@code -Dpostgres=required} (as .ci/run does), which turns the absence into a failure.
 */
public final class Postgres implements ExecutionCondition {

  public static final String URL = System.getProperty("postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = System.getProperty("postgres.user", "postgres");
  public static final String PASSWORD = System.getProperty("postgres.password", "");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    try (Connection ignored = connect()) {
      return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
    } catch (SQLException e) {
      String message = "PostgreSQL not reachable at " + URL + " (" + e.getMessage() + ")";
      if ("required".equals(System.getProperty("postgres"))) {
        throw new IllegalStateException(message + " but -Dpostgres=required: start it (see .ci/run)", e);
      }
      System.err.println("SKIPPED PostgreSQL-backed tests: " + message
          + ". Start PostgreSQL and run with -Dpostgres=required to make them mandatory.");
      return ConditionEvaluationResult.disabled("SKIPPED: " + message);
    }
  }

  public static Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** A fresh, empty schema of the test database; returns its JDBC URL. */
  public static String freshSchema(String schema) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare schema " + schema, e);
    }
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A fresh schema with the application's own tables, migrated by the same Flyway scripts as the application. */
  public static DataSource migratedSchema(String schema) {
    DataSource dataSource = new DriverManagerDataSource(freshSchema(schema), USER, PASSWORD);
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  public static void dropSchema(String schema) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop schema " + schema, e);
    }
  }
}
