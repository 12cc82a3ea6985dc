package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.support.RunningApplication;

/** The public contract: the decisions evaluated by integrations through the REST API, with login. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionRestTest {

  static final String PW = DemoUsers.PASSWORD;
  RunningApplication app;

  @BeforeAll
  void start() {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:decision-rest;DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private HttpResponse<String> evaluate(String user, String key, String variables) {
    return app.post("/engine-rest/decision-definition/key/" + key + "/evaluate", user, PW,
        "{\"variables\": " + variables + "}");
  }

  @Test
  void ministryEvaluatesTheTablesThroughRest() {
    HttpResponse<String> region = evaluate("mofUser", "applicantRegion",
        "{\"applicantUnitCode\": {\"value\": \"210200\", \"type\": \"String\"}}");
    assertThat(region.statusCode()).as(region.body()).isEqualTo(200);
    assertThat(region.body()).contains("\"region\":{\"type\":\"String\",\"value\":\"EAST\"");

    assertThat(evaluate("mofUser", "awardStandard", "{\"region\": {\"value\": \"WEST\"}, "
        + "\"fundingLevel\": {\"value\": \"CENTRAL\"}}").body()).contains("\"value\":50000000");
    assertThat(evaluate("mofUser", "evaluationOutcome", "{\"finalScore\": {\"value\": 69.99, \"type\": \"Double\"}}")
        .body()).contains("REVOKE");
    assertThat(evaluate("mofUser", "evaluationOutcome", "{\"finalScore\": {\"value\": 70, \"type\": \"Integer\"}}")
        .body()).contains("PASS");
  }

  @Test
  void provincialFinanceMayEvaluateForItsOwnProgram() {
    assertThat(evaluate("lnFinance", "annualPilotQuota",
        "{\"applicantUnitCode\": {\"value\": \"210000\"}}").body()).contains("\"value\":2");
  }

  @Test
  void unknownInputIsAClearClientError() {
    HttpResponse<String> unknown = evaluate("mofUser", "applicantRegion",
        "{\"applicantUnitCode\": {\"value\": \"999999\"}}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("applicantUnitCode=999999");

    HttpResponse<String> outOfRange = evaluate("mofUser", "evaluationOutcome",
        "{\"finalScore\": {\"value\": 100.5, \"type\": \"Double\"}}");
    assertThat(outOfRange.statusCode()).isEqualTo(400);
    assertThat(outOfRange.body()).contains("finalScore=100.5");
  }

  @Test
  void evaluationNeedsLoginAndAGrant() {
    assertThat(app.post("/engine-rest/decision-definition/key/applicantRegion/evaluate", "nobody", "x",
        "{\"variables\": {}}").statusCode()).isEqualTo(401);
    // without READ on decisions the table does not even exist for this user
    assertThat(evaluate("lnPboc", "applicantRegion", "{\"applicantUnitCode\": {\"value\": \"210000\"}}").statusCode())
        .isEqualTo(404);
  }
}
