package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.funds.Ledger;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.support.RunningApplication;

/**
 * The selection half in the running application with the real models and the demo officials of
 * Liaoning: a provincial program year (比照开展省内试点, the one kind of year the shipped term table still
 * opens in 2027) from the province's start to the cities' outcome — scheme, co-signing, two city
 * applications, the window closing, competitive review, selection, submission, confirmation. On the way
 * it checks who sees what: cities only their own work, departments only their own tasks, other provinces
 * nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one application: the national year's tasks come second
class SelectionYearInApplicationTest {

  static final String PW = DemoUsers.PASSWORD;
  static final String YEAR_KEY = "2027-PROVINCIAL-210000";
  static final String SHENYANG_PILOT = "2027-PROVINCIAL-210100";

  RunningApplication app;
  ProcessEngine engine;

  @BeforeAll
  void start() {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:selection-year;DB_CLOSE_DELAY=-1"));
    engine = app.engine();
  }

  @AfterAll
  void stop() {
    ClockUtil.reset();
    app.close();
  }

  @AfterEach
  void clearAuthentication() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  @Order(1)
  void aProvincialYearFromSchemeToSelectedCities() {
    at(2027, 1, 5, 10);
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/programYear/start", "lnFinance", PW, """
        {"variables": {"programYear": {"value": 2027, "type": "Integer"},
                       "fundingLevel": {"value": "PROVINCIAL"},
                       "applicantUnitCode": {"value": "210000"}}}""");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    runDueJobs();
    String selection = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(YEAR_KEY).processDefinitionKey("pilotSelection").singleResult().getId();

    // Jan: provincial finance drafts the scheme, the five departments co-sign
    // as Tasklist submits the form: one numbered field per indicator of the catalogue
    Task draft = only("lnFinance", "draftEvaluationScheme");
    int indicators = json(engine.getTaskService().getVariable(draft.getId(), "indicatorTargets")).elements().size();
    Map<String, Object> scheme = new HashMap<>(Map.of("scoringMethod", "按试点方案质量、目标先进性和保障措施百分制评分",
        "reviewers", SpinValues.jsonValue("[\"lnReviewer\",\"lnReviewer2\"]").create()));
    for (int i = 1; i <= indicators; i++) {
      scheme.put("target_" + i, 10);
    }
    // a value the form shows read-only cannot be smuggled in with the fields
    assertThatThrownBy(() -> complete("lnFinance", draft, Map.of("scoringMethod", "x", "applicantUnitCode", "610000")))
        .hasMessageContaining("只能提交本任务表单中的字段").hasMessageContaining("applicantUnitCode");
    complete("lnFinance", draft, scheme);
    for (String cosigner : List.of("lnRegulator", "lnScience", "lnIndustry", "lnPboc", "lnCbirc")) {
      complete(cosigner, only(cosigner, "agreeEvaluationScheme"), Map.of("agreementDecision", "AGREE"));
    }
    assertThat(engine.getRuntimeService().getActivityInstance(selection).getChildActivityInstances())
        .extracting(a -> a.getActivityId()).containsExactly("applicationWindowClosed");

    // Feb: two cities of Liaoning apply; each sees only its own work
    at(2027, 2, 10, 9);
    String shenyang = apply("lnShenyang");
    String anshan = apply("lnAnshan");
    assertThat(visibleTasks("lnAnshan")).extracting(Task::getProcessInstanceId).containsOnly(anshan);
    assertThat(visibleTasks("lnShenyang")).extracting(Task::getProcessInstanceId).containsOnly(shenyang);
    assertThat(visibleTasks("sxFinance")).isEmpty();
    assertThat(visibleTasks("sxXian")).isEmpty();
    writePlan("lnShenyang", shenyang);
    writePlan("lnAnshan", anshan);
    assertThat(visibleTasks("lnPboc")).as("a co-signing department sees no city's application").isEmpty();
    for (Task accept : visibleTasks("lnFinance")) {
      complete("lnFinance", accept, Map.of("planDecision", "ACCEPT"));
    }

    // the window closes at the end of Feb 27, Beijing time
    at(2027, 2, 28, 1);
    runDueJobs();
    assertThat(engine.getRuntimeService().getVariable(selection, "applicationCount")).isEqualTo(2);

    // Mar: competitive review, one reviewer conflicted on Anshan
    score("lnReviewer", Map.of("210100", 90, "210300", 80), null);
    score("lnReviewer2", Map.of("210100", 86), "210300");
    Task select = only("lnFinance", "selectPilotCities");
    SpinJsonNode ranking = json(engine.getTaskService().getVariable(select.getId(), "ranking"));
    assertThat(ranking.elements()).extracting(r -> r.prop("cityCode").stringValue()).containsExactly("210100", "210300");
    assertThatThrownBy(() -> complete("lnFinance", select, Map.of("selectedCityCodes", List.of("210100", "210300"),
        "pilotQuota", 5))).hasMessageContaining("pilotQuota");
    complete("lnFinance", select, Map.of("selectedCityCodes", SpinValues.jsonValue("[\"210100\",\"210300\"]").create()));
    complete("lnFinance", only("lnFinance", "submitToMinistry"), Map.of("materialsConfirmed", true));
    runDueJobs();

    // the province confirms its list: Liaoning's own award rows (8 million yuan per city, 40 million a year)
    Task confirm = only("lnFinance", "confirmNationalList");
    assertThat(engine.getTaskService().getVariable(confirm.getId(), "totalAwards")).isEqualTo(16_000_000L);
    assertThat(engine.getTaskService().getVariable(confirm.getId(), "budgetAmount")).isEqualTo(40_000_000L);
    complete("lnFinance", confirm, Map.of("listConfirmed", true));
    runDueJobs();

    HistoryService history = engine.getHistoryService();
    for (String application : List.of(shenyang, anshan)) {
      HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(application).singleResult();
      assertThat(done.getState()).isEqualTo("COMPLETED");
      assertThat(done.getEndActivityId()).isEqualTo("citySelected");
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(YEAR_KEY)
        .processDefinitionKey("programYear").singleResult().getEndActivityId()).isEqualTo("nationalListConfirmed");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(selection).variableName("copiedToLocalBureau")
        .singleResult().getValue()).isEqualTo(true);
  }

  @Test
  @Order(2)
  void theProvincialPilotsRunTheSameTermOnTheProvincesMoneyInsideTheProvince() {
    // both cities enter their pilot term in Liaoning's tenant, with Liaoning's own award
    var terms = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pilotTerm").list();
    assertThat(terms).extracting(t -> t.getBusinessKey())
        .containsExactlyInAnyOrder(SHENYANG_PILOT, "2027-PROVINCIAL-210300");
    assertThat(terms).extracting(t -> t.getTenantId()).containsOnly("210000");
    Ledger ledger = app.bean(Ledger.class);
    assertThat(ledger.award(SHENYANG_PILOT)).hasValueSatisfying(a -> {
      assertThat(a.amount()).isEqualByComparingTo("8000000");
      assertThat(a.fundingLevel()).isEqualTo("PROVINCIAL");
    });

    // no ministry payment: the province pays its own money to the city; nobody outside Liaoning sees it
    assertThat(visibleTasks("mofUser")).extracting(Task::getTaskDefinitionKey).doesNotContain("recordMinistryPayment");
    assertThat(visibleTasks("sxFinance")).isEmpty();
    authenticate("sxFinance");
    try {
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("pilotTerm").count())
          .isZero();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    at(2027, 5, 20, 10);
    complete("lnFinance", termTask("lnFinance", "recordProvincePayment", SHENYANG_PILOT),
        Map.of("paidOn", "2027-05-20", "amount", 8_000_000, "documentNo", "辽财金〔2027〕21号"));
    assertThat(ledger.transfers(SHENYANG_PILOT)).extracting(Ledger.Transfer::leg)
        .containsExactly(Ledger.TransferLeg.PROVINCE_TO_CITY);

    // the city reports a use; the province, not the ministry's bureau, checks its own money
    at(2027, 6, 10, 10);
    complete("lnShenyang", termTask("lnShenyang", "reportFundUse", SHENYANG_PILOT), Map.of("reportKind", "USE",
        "purpose", "GUARANTEE_CAPITAL", "beneficiaryName", "沈阳中小企业融资担保有限公司",
        "beneficiaryCreditCode", "91110000600037341L", "amount", 5_000_000, "usedOn", "2027-06-01",
        "duplicateSupport", "NO"));
    assertThat(visibleTasks("lnBureau")).extracting(Task::getTaskDefinitionKey).doesNotContain("verifyFundUse");
    complete("lnFinance", termTask("lnFinance", "verifyFundUse", SHENYANG_PILOT),
        Map.of("finding", "CONFIRMED", "checkNote", "与担保公司出资凭证核对一致"));
    assertThat(ledger.fundUseChecks(SHENYANG_PILOT)).singleElement()
        .satisfies(c -> assertThat(c.finding()).isEqualTo("CONFIRMED"));

    // next year: the same evaluation, the province decides on a spot check, the pilot is settled
    at(2028, 1, 2, 9);
    runDueJobs();
    for (String[] step : new String[][] {{"lnPboc", "assessServiceAreas"}, {"lnFinance", "assessGuaranteeArea"},
        {"lnScience", "assessDevelopmentArea"}}) {
      complete(step[0], termTask(step[0], step[1], SHENYANG_PILOT), assessedValues(step[1]));
    }
    complete("lnCbirc", termTask("lnCbirc", "confirmServiceAreas", SHENYANG_PILOT), Map.of("serviceAreasConfirmation", "AGREE"));
    complete("lnRegulator", termTask("lnRegulator", "confirmGuaranteeArea", SHENYANG_PILOT),
        Map.of("guaranteeAreaConfirmation", "AGREE"));
    complete("lnIndustry", termTask("lnIndustry", "confirmDevelopmentArea", SHENYANG_PILOT),
        Map.of("developmentAreaConfirmation", "AGREE"));
    complete("lnFinance", termTask("lnFinance", "reviewFundCompliance", SHENYANG_PILOT),
        Map.of("fundComplianceFinding", "COMPLIANT", "fundComplianceNote", "抽查资金使用凭证，用途符合规定。"));
    runDueJobs();
    Task decide = termTask("lnFinance", "decideSpotCheck", SHENYANG_PILOT);
    assertThat(engine.getTaskService().getIdentityLinksForTask(decide.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("provincialFinance");
    complete("lnFinance", decide, Map.of("spotCheck", false));
    runDueJobs();

    assertThat(ledger.settlement(SHENYANG_PILOT)).hasValueSatisfying(settled ->
        assertThat(settled.outcome()).isEqualTo(Ledger.PASS));
    assertThat(app.get("/public/results.csv").body()).contains("辽宁省,沈阳市,省级试点,100");
  }

  @Test
  @Order(3)
  void aNationalYearPutsEachUnitsSelectionInThatUnitsTenant() {
    at(2021, 1, 4, 9); // the central program's term (2019–2021) is still open
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/programYear/start", "mofUser", PW, """
        {"variables": {"programYear": {"value": 2021, "type": "Integer"}, "fundingLevel": {"value": "CENTRAL"}}}""");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String year = started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    runDueJobs();

    var selections = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pilotSelection")
        .superProcessInstanceId(year).list();
    assertThat(selections).hasSize(36)
        .allSatisfy(s -> assertThat(s.getBusinessKey()).isEqualTo("2021-CENTRAL-" + s.getTenantId()));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(year).singleResult()
        .getTenantId()).as("the national year itself belongs to no unit").isNull();

    // each province sees its own scheme task, not the others', and cannot read the national year
    assertThat(visibleTasks("lnFinance")).extracting(Task::getTenantId).containsOnly("210000");
    assertThat(visibleTasks("sxFinance")).extracting(Task::getTenantId).containsOnly("610000");
    assertThat(visibleTasks("dlFinance")).extracting(Task::getTenantId).containsOnly("210200");
    assertThat(app.get("/engine-rest/process-instance/" + year + "/variables", "lnFinance", PW).statusCode())
        .isIn(403, 404);
    assertThat(app.get("/engine-rest/process-instance/" + year + "/variables", "mofUser", PW).statusCode())
        .isEqualTo(200);
    // a province cannot start the national year
    HttpResponse<String> provincial = app.post("/engine-rest/process-definition/key/programYear/start", "lnFinance", PW,
        """
        {"variables": {"programYear": {"value": 2021, "type": "Integer"}, "fundingLevel": {"value": "CENTRAL"}}}""");
    assertThat(provincial.statusCode()).isIn(400, 403);
  }

  // ---- steps ----

  private String apply(String cityUser) {
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/cityApplication/start", cityUser, PW, """
        {"variables": {"programYear": {"value": 2027, "type": "Integer"},
                       "fundingLevel": {"value": "PROVINCIAL"},
                       "applicantType": {"value": "PREFECTURE_CITY"}}}""");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private void writePlan(String cityUser, String application) {
    Task write = visibleTasks(cityUser).stream().filter(t -> t.getProcessInstanceId().equals(application)).findFirst()
        .orElseThrow();
    int indicators = json(engine.getTaskService().getVariable(write.getId(), "indicatorTargets")).elements().size();
    Map<String, Object> plan = new HashMap<>(Map.of("implementationPlan", "设立风险补偿资金池，扩大首贷和信用贷款。",
        "detailedTasks", "一、设立风险补偿资金池\n二、政府性融资担保机构增资", "plannedAwardUse", "风险补偿2000万元，担保机构资本补充1000万元",
        "planSummary", "风险补偿与担保增信并举"));
    for (int i = 1; i <= indicators; i++) {
      plan.put("baseline_" + i, 8);
      plan.put("target_" + i, 10);
    }
    complete(cityUser, write, plan);
  }

  /** The score sheet as Tasklist submits it: score_n / conflict_n for the n-th application. */
  private void score(String reviewer, Map<String, Integer> scores, String conflicted) {
    Task task = only(reviewer, "scoreApplications");
    List<SpinJsonNode> applications = json(engine.getTaskService().getVariable(task.getId(), "applications")).elements();
    Map<String, Object> sheet = new HashMap<>();
    for (int i = 0; i < applications.size(); i++) {
      String code = applications.get(i).prop("cityCode").stringValue();
      if (code.equals(conflicted)) {
        sheet.put("conflict_" + (i + 1), true);
      } else {
        sheet.put("score_" + (i + 1), scores.get(code));
      }
    }
    // another reviewer's scores are not part of this form
    assertThatThrownBy(() -> complete(reviewer, task, Map.of("reviewScores", SpinValues.jsonValue("[]").create())))
        .hasMessageContaining("reviewScores");
    complete(reviewer, task, sheet);
  }

  // ---- helpers ----

  /** A task of the pilot (its term or one of the term's called processes) that the user sees. */
  private Task termTask(String userId, String taskKey, String pilotKey) {
    List<Task> tasks = visibleTasks(userId).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey))
        .filter(t -> pilotKey.equals(engine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceId(t.getProcessInstanceId()).singleResult().getBusinessKey()))
        .toList();
    assertThat(tasks).as("%s sees one %s of %s", userId, taskKey, pilotKey).hasSize(1);
    return tasks.get(0);
  }

  /** Every indicator field of an area form (area<n>_<row>) at the city's target (10), as Tasklist submits it. */
  private Map<String, Object> assessedValues(String formKey) {
    try (var form = getClass().getResourceAsStream("/forms/" + formKey + ".form")) {
      Map<String, Object> values = new HashMap<>();
      java.util.regex.Matcher field = java.util.regex.Pattern.compile("\"key\":\\s*\"(area\\d+_\\d+)\"")
          .matcher(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      while (field.find()) {
        values.put(field.group(1), 10);
      }
      assertThat(values).as("indicator fields of %s", formKey).isNotEmpty();
      return values;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void at(int year, int month, int day, int hour) {
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(Deadlines.BEIJING).toInstant()));
  }

  /** The job executor is off in tests: run what is due, including what running it makes due. */
  private void runDueJobs() {
    ManagementService management = engine.getManagementService();
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }

  private List<Task> visibleTasks(String userId) {
    authenticate(userId);
    try {
      return engine.getTaskService().createTaskQuery().list();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private Task only(String userId, String taskKey) {
    List<Task> tasks = visibleTasks(userId).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).toList();
    assertThat(tasks).as("%s sees one %s", userId, taskKey).hasSize(1);
    return tasks.get(0);
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    authenticate(userId);
    try {
      TaskService tasks = engine.getTaskService();
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), userId);
      }
      tasks.complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void authenticate(String userId) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
        .map(t -> t.getId()).toList();
    identity.setAuthentication(userId, groups, tenants);
  }

  private static SpinJsonNode json(Object value) {
    return value instanceof SpinJsonNode node ? node : Spin.JSON(value.toString());
  }
}
