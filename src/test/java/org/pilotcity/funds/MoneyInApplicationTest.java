package org.pilotcity.funds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pilotcity.support.RunningApplication;

/**
 * The money half in the running application, through the REST API that Tasklist uses, with the demo
 * users: the ministry pays, the province passes the award down, the city reports a use of funds (a bad
 * credit code is refused with its reason and records nothing), the local bureau checks it. Officials of
 * another unit — and another city of the same unit — see none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoneyInApplicationTest {

  static final String PILOT = "2026-CENTRAL-210100";
  static final ObjectMapper JSON = new ObjectMapper();

  RunningApplication app;
  String term;

  @BeforeAll
  void startAPilotTermForShenyang() {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:money-app;DB_CLOSE_DELAY=-1"));
    term = app.engine().getRuntimeService().startProcessInstanceByKey("pilotTerm", PILOT, Variables.createVariables()
        .putValue("pilotKey", PILOT).putValue("applicantUnitCode", "210000").putValue("applicantUnitName", "辽宁省")
        .putValue("cityCode", "210100").putValue("cityName", "沈阳市").putValue("cityGroup", "city210100")
        .putValue("programYear", 2026).putValue("fundingLevel", "CENTRAL").putValue("selectionRank", 1)
        .putValue("indicatorTargets", SpinValues.jsonValue("[]").create())).getId();
    runJobs();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  @Order(1)
  void theTermLivesInItsUnitAndOnlyThatUnitSeesIt() throws Exception {
    assertThat(app.engine().getRuntimeService().createProcessInstanceQuery().processInstanceId(term).singleResult()
        .getTenantId()).isEqualTo("210000");
    assertThat(app.bean(Ledger.class).award(PILOT)).hasValueSatisfying(a ->
        assertThat(a.amount()).isEqualByComparingTo("30000000"));
    assertThat(instances("lnFinance")).hasSize(1);
    assertThat(instances("lnBureau")).hasSize(1);
    assertThat(instances("sxFinance")).isEmpty();
    assertThat(instances("dlFinance")).isEmpty();
    assertThat(instances("lnShenyang")).isEmpty(); // the city works through its tasks, not the instance
    assertThat(json(app.get("/engine-rest/history/process-instance?processDefinitionKey=pilotTerm", "sxFinance", "demo")))
        .isEmpty();
  }

  @Test
  @Order(2)
  void theMinistryPaysAndTheProvincePassesTheAwardDown() throws Exception {
    assertThat(tasks("lnFinance")).isEmpty();
    JsonNode ministry = single(tasks("mofUser"));
    assertThat(ministry.get("taskDefinitionKey").asText()).isEqualTo("recordMinistryPayment");
    submit(ministry, "mofUser", Map.of("paidOn", "2026-05-10", "amount", 30000000, "documentNo", "财金〔2026〕18号"), 204);

    assertThat(tasks("sxFinance")).isEmpty();
    assertThat(tasks("dlFinance")).isEmpty();
    JsonNode province = single(tasks("lnFinance"));
    assertThat(province.get("taskDefinitionKey").asText()).isEqualTo("recordProvincePayment");
    submit(province, "lnFinance", Map.of("paidOn", "2026-05-20", "amount", 30000000, "documentNo", "辽财金〔2026〕66号"), 204);

    assertThat(app.bean(Ledger.class).receivedByCity(PILOT)).isEqualByComparingTo("30000000");
  }

  @Test
  @Order(3)
  void onlyTheCityReportsItsUsesAndABadCodeIsRefusedWithItsReason() throws Exception {
    assertThat(tasks("lnAnshan")).isEmpty();
    assertThat(tasks("sxXian")).isEmpty();
    JsonNode report = single(tasks("lnShenyang"));
    assertThat(report.get("taskDefinitionKey").asText()).isEqualTo("reportFundUse");

    Map<String, Object> use = new HashMap<>(Map.of("reportKind", "USE", "purpose", "GUARANTEE_CAPITAL",
        "beneficiaryName", "沈阳中小企业融资担保有限公司", "beneficiaryCreditCode", "91110000600037341A",
        "amount", 20000000, "usedOn", "2026-06-01", "duplicateSupport", "NO"));
    HttpResponse<String> refused = submit(report, "lnShenyang", use, 400);
    assertThat(refused.body()).contains("校验位错误");
    assertThat(app.bean(Ledger.class).fundUses(PILOT)).isEmpty();
    assertThat(single(tasks("lnShenyang")).get("id").asText()).isEqualTo(report.get("id").asText());

    use.put("beneficiaryCreditCode", "91110000600037341L");
    submit(report, "lnShenyang", use, 204);
    assertThat(app.bean(Ledger.class).fundUses(PILOT)).singleElement()
        .satisfies(u -> assertThat(u.amount()).isEqualByComparingTo("20000000"));

    assertThat(tasks("sxBureau")).isEmpty();
    JsonNode check = single(tasks("lnBureau"));
    assertThat(check.get("taskDefinitionKey").asText()).isEqualTo("verifyFundUse");
    submit(check, "lnBureau", Map.of("finding", "CONFIRMED", "checkNote", "与担保公司出资凭证核对一致"), 204);
    assertThat(app.bean(Ledger.class).fundUseChecks(PILOT)).singleElement()
        .satisfies(c -> assertThat(c.finding()).isEqualTo("CONFIRMED"));
  }

  private List<JsonNode> tasks(String user) throws Exception {
    return json(app.get("/engine-rest/task?processInstanceBusinessKey=" + PILOT, user, "demo"));
  }

  private List<JsonNode> instances(String user) throws Exception {
    return json(app.get("/engine-rest/process-instance?processDefinitionKey=pilotTerm", user, "demo"));
  }

  private HttpResponse<String> submit(JsonNode task, String user, Map<String, Object> values, int status) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    HttpResponse<String> response = app.post("/engine-rest/task/" + task.get("id").asText() + "/submit-form", user, "demo",
        JSON.writeValueAsString(Map.of("variables", variables)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    runJobs();
    return response;
  }

  private static JsonNode single(List<JsonNode> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }

  private static List<JsonNode> json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> list = new ArrayList<>();
    JSON.readTree(response.body()).forEach(list::add);
    return list;
  }

  /** The job executor is off in tests: run the asynchronous steps (no timers). */
  private void runJobs() {
    ManagementService management = app.engine().getManagementService();
    for (int round = 0; round < 10; round++) {
      List<Job> due = management.createJobQuery().executable().messages().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
