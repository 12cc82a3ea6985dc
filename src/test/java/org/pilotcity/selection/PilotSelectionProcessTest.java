package org.pilotcity.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pilotcity.support.ProcessTests.beijing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.calendar.ValidateOverdueNote;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.RecordApplicantUnit;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.IndicatorCatalogue;

/**
 * The pilot selection of one applicant unit and year (申报单位试点城市评审遴选), driven through the engine
 * with the real listeners and decisions, the engine clock and a test-only stand-in for cityApplication.
 */
@Deployment(resources = {"processes/pilotSelection.bpmn", "forms/draftEvaluationScheme.form",
    "forms/agreeEvaluationScheme.form", "forms/scoreApplications.form", "forms/selectPilotCities.form",
    "forms/submitToMinistry.form", "forms/acknowledgeOverdue.form", "processes/annualPilotQuota.dmn",
    "processes/schemeCosigners.dmn", "processes/indicatorCatalogue.dmn", "processes/performanceScore.dmn",
    "processes/deadlineReminder.dmn", "org/pilotcity/selection/cityApplicationStandIn.bpmn"})
class PilotSelectionProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  static final Organization ORGANIZATION = new Organization();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFLICT = "CONFLICT";
  static final List<String> COSIGNERS = List.of("localFinancialRegulator", "scienceTech", "industryIt", "pbocBranch",
      "cbircOffice");
  static final List<String> LN_REVIEWERS = List.of("lnReviewer", "lnReviewer2", "lnReviewer3");

  /** Users of the test: id, name, organization, group, unit. */
  static final List<String[]> USERS = List.of(
      new String[] {"lnReviewer", "李评审", "辽宁大学", "reviewPanel", "210000"},
      new String[] {"lnReviewer2", "王评审", "东北财经大学", "reviewPanel", "210000"},
      new String[] {"lnReviewer3", "赵评审", "辽宁省金融学会", "reviewPanel", "210000"},
      new String[] {"lnFinance", "王建国", "辽宁省财政厅", "provincialFinance", "210000"},
      new String[] {"sxReviewer", "陈评审", "西北大学", "reviewPanel", "610000"},
      new String[] {"dlReviewer", "周评审", "大连理工大学", "reviewPanel", "210200"});
  static final List<String> GROUPS = List.of("reviewPanel", "provincialFinance");
  static final List<String> UNITS = List.of("210000", "610000", "210200");

  ProcessEngine processEngine;

  // ------------------------------------------------------------------ set-up

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(beijing(2027, 1, 5, 9, 0));
    Mocks.register("deadlines", new Deadlines());
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(ORGANIZATION));
    Mocks.register("prepareSchemeTargets", new PrepareSchemeTargets());
    Mocks.register("prepareReviewerOptions", new PrepareReviewerOptions());
    Mocks.register("validateEvaluationScheme", new ValidateEvaluationScheme());
    Mocks.register("openSchemeAgreementRound", new OpenSchemeAgreementRound());
    Mocks.register("prepareSchemeAgreement", new PrepareSchemeAgreement());
    Mocks.register("recordSchemeAgreement", new RecordSchemeAgreement(ORGANIZATION));
    Mocks.register("collectApplications", new CollectApplications());
    Mocks.register("recordNoPilot", new RecordNoPilot());
    Mocks.register("prepareReviewSheet", new PrepareReviewSheet());
    Mocks.register("recordReviewScores", new RecordReviewScores());
    Mocks.register("rankApplications", new RankApplications());
    Mocks.register("validatePilotSelection", new ValidatePilotSelection());
    Mocks.register("validateSubmission", new ValidateSubmission());
    Mocks.register("recordSubmission", new RecordSubmission());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
    removeIdentities();
    createIdentities();
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    configuration().setAuthorizationEnabled(false);
    processEngine.getAuthorizationService().createAuthorizationQuery().groupIdIn("cbircOffice").list()
        .forEach(a -> processEngine.getAuthorizationService().deleteAuthorization(a.getId()));
    removeIdentities();
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private void createIdentities() {
    IdentityService identity = processEngine.getIdentityService();
    UNITS.forEach(code -> {
      Tenant tenant = identity.newTenant(code);
      tenant.setName(ORGANIZATION.unit(code).orElseThrow().nameZh());
      identity.saveTenant(tenant);
    });
    GROUPS.forEach(id -> {
      Group group = identity.newGroup(id);
      group.setName(ORGANIZATION.department(id).orElseThrow().nameZh());
      identity.saveGroup(group);
    });
    for (String[] u : USERS) {
      User user = identity.newUser(u[0]);
      user.setFirstName(u[1]);
      user.setLastName(u[2]);
      identity.saveUser(user);
      identity.createMembership(u[0], u[3]);
      identity.createTenantUserMembership(u[4], u[0]);
    }
  }

  private void removeIdentities() {
    IdentityService identity = processEngine.getIdentityService();
    USERS.forEach(u -> {
      if (identity.createUserQuery().userId(u[0]).count() > 0) {
        identity.deleteUser(u[0]);
      }
    });
    GROUPS.forEach(id -> {
      if (identity.createGroupQuery().groupId(id).count() > 0) {
        identity.deleteGroup(id);
      }
    });
    UNITS.forEach(code -> {
      if (identity.createTenantQuery().tenantId(code).count() > 0) {
        identity.deleteTenant(code);
      }
    });
  }

  // ------------------------------------------------------------------ the whole way

  @Test
  void unitWithTwoPilotsSelectsItsBestRankedCitiesAndReportsThem() throws Exception {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    assertThat(selection.getBusinessKey()).isEqualTo("2027-CENTRAL-210000");
    assertThat(selection.getTenantId()).isEqualTo("210000");
    BpmnAwareTests.assertThat(selection).hasPassed("loadIndicatorTargets").isWaitingAt("draftEvaluationScheme")
        .variables().containsEntry("applicantUnitName", "辽宁省");

    // 制定评审方案: provincial finance, due end of Jan 31 Beijing, reviewers of this unit only
    Task draft = task(selection, "draftEvaluationScheme");
    BpmnAwareTests.assertThat(draft).hasCandidateGroup("provincialFinance");
    assertThat(draft.getDueDate().toInstant()).hasToString("2027-01-31T15:59:59Z");
    assertThat(draft.getTenantId()).isEqualTo("210000");
    assertThat(formKey(draft)).isEqualTo("draftEvaluationScheme");
    assertThat(json(selection, "reviewerOptions")).hasToString("[{\"label\":\"李评审（辽宁大学）\",\"value\":\"lnReviewer\"},"
        + "{\"label\":\"王评审（东北财经大学）\",\"value\":\"lnReviewer2\"},{\"label\":\"赵评审（辽宁省金融学会）\",\"value\":\"lnReviewer3\"}]");
    JsonNode targets = json(selection, "indicatorTargets");
    assertThat(targets.size()).isGreaterThan(5);
    assertThat(targets.get(0).get("code").asText()).isEqualTo("inclusiveLoanBalanceIncrement");
    assertThat(targets.get(0).get("target").isNull()).isTrue();
    assertThat(targets.get(0).get("name").asText()).isEqualTo("普惠型小微企业贷款余额同比增量");

    completeDraft(selection, LN_REVIEWERS);
    JsonNode scheme = json(selection, "indicatorTargets");
    assertThat(scheme.get(0).get("name").asText()).isEqualTo("普惠型小微企业贷款余额同比增量");
    assertThat(scheme.get(0).get("target").decimalValue()).isEqualByComparingTo("100");
    assertThat(runtime().getVariable(selection.getId(), "reviewerIds")).isEqualTo(LN_REVIEWERS);

    // 会签评审方案: the five departments of the decision schemeCosigners, in parallel
    BpmnAwareTests.assertThat(selection).hasPassed("loadSchemeCosigners", "openSchemeAgreementRound")
        .isWaitingAt("agreeEvaluationScheme");
    List<Task> agreements = tasks(selection, "agreeEvaluationScheme");
    assertThat(agreements).extracting(this::candidateGroup).containsExactlyInAnyOrderElementsOf(COSIGNERS);
    assertThat(agreements).allSatisfy(t -> assertThat(t.getDueDate().toInstant()).hasToString("2027-01-31T15:59:59Z"));
    assertThat(formKey(agreements.get(0))).isEqualTo("agreeEvaluationScheme");
    agreeAll(selection);
    assertThat(runtime().getVariable(selection.getId(), "agreementDecision")).as("answers stay on their task").isNull();
    JsonNode agreed = json(selection, "schemeAgreements");
    assertThat(agreed).hasSize(5);
    assertThat(agreed.get(0).get("round").asInt()).isEqualTo(1);
    assertThat(agreed.findValuesAsText("decision")).containsOnly("AGREE");
    assertThat(agreed.findValuesAsText("departmentName")).contains("银保监部门", "人民银行分支机构");

    // the window closes at 2027-02-28 00:00 Beijing
    BpmnAwareTests.assertThat(selection).hasPassed("schemeAgreedEnd").isWaitingAt("applicationWindowClosed");
    assertThat(job(selection, "applicationWindowClosed").getDuedate().toInstant()).hasToString("2027-02-27T16:00:00Z");

    ProcessInstance shenyang = apply("210000", "210100", "沈阳市", "2027-02-10T02:00:00Z", 2027, null);
    ProcessInstance anshan = apply("210000", "210300", "鞍山市", "2027-02-01T02:00:00Z", 2027, null);
    ProcessInstance fushun = apply("210000", "210400", "抚顺市", "2027-02-20T02:00:00Z", 2027, null);
    ProcessInstance drafting = apply("210000", "210500", "本溪市", null, 2027, "DRAFTING");
    ProcessInstance otherUnit = apply("610000", "610100", "西安市", "2027-02-11T02:00:00Z", 2027, null);
    ProcessInstance lastYear = apply("210000", "210600", "丹东市", "2026-02-11T02:00:00Z", 2026, null);
    closeWindow(selection);

    // 汇总申报材料: only this unit's, this year's applications that wait for the outcome, by submission time
    JsonNode applications = json(selection, "applications");
    assertThat(applications.findValuesAsText("cityCode")).containsExactly("210300", "210100", "210400");
    assertThat(applications.get(0).get("businessKey").asText()).isEqualTo("2027-CENTRAL-210300");
    assertThat(applications.get(0).get("planSummary").asText()).isEqualTo("鞍山市试点方案摘要");
    assertThat(runtime().getVariable(selection.getId(), "applicationCount")).isEqualTo(3);
    assertThat(json(selection, "applicationsNotInCompetition")).hasToString("[\"2027-CENTRAL-210500\"]");

    // 竞争性评审打分: one task per reviewer, assigned, with their own sheet
    BpmnAwareTests.assertThat(selection).isWaitingAt("scoreApplications");
    List<Task> reviews = tasks(selection, "scoreApplications");
    assertThat(reviews).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(LN_REVIEWERS);
    assertThat(reviews).allSatisfy(t -> {
      assertThat(t.getDueDate().toInstant()).hasToString("2027-03-31T15:59:59Z");
      // personal: the reviewer alone; no group, so no other panel member may read or complete it
      assertThat(processEngine.getTaskService().getIdentityLinksForTask(t.getId()))
          .allSatisfy(link -> assertThat(link.getGroupId()).isNull())
          .anySatisfy(link -> assertThat(link.getUserId()).isEqualTo(t.getAssignee()));
    });
    assertThat(formKey(reviews.get(0))).isEqualTo("scoreApplications");
    JsonNode sheet = read(processEngine.getTaskService().getVariable(reviews.get(0).getId(), "reviewSheet"));
    assertThat(sheet.findValuesAsText("cityName")).containsExactly("鞍山市", "沈阳市", "抚顺市");
    assertThat(processEngine.getTaskService().getVariables(reviews.get(0).getId()))
        .containsEntry("score_1", null).containsEntry("conflict_3", false).doesNotContainKey("score_4");
    assertThat(job(selection, "reviewPhaseReminder").getDuedate().toInstant()).hasToString("2027-03-20T16:00:00Z");
    assertThat(job(selection, "reviewPhaseOverdue").getDuedate().toInstant()).hasToString("2027-03-31T15:59:59Z");

    ClockUtil.setCurrentTime(beijing(2027, 3, 10, 10, 0));
    score(selection, "lnReviewer", Map.of("210100", CONFLICT, "210300", 80, "210400", 70));
    assertThat(runtime().getVariables(selection.getId())).as("a sheet stays on its task")
        .doesNotContainKeys("reviewSheet", "score_1", "conflict_1");
    score(selection, "lnReviewer2", Map.of("210100", 90, "210300", 82.25, "210400", 75));
    score(selection, "lnReviewer3", Map.of("210100", 87.5, "210300", 79, "210400", 72));

    // 计算排名: mean of the valid scores; the conflicted reviewer does not count for 沈阳市
    JsonNode scores = json(selection, "reviewScores");
    assertThat(scores).hasSize(9);
    JsonNode ranking = json(selection, "ranking");
    assertThat(ranking.findValuesAsText("cityName")).containsExactly("沈阳市", "鞍山市", "抚顺市");
    assertThat(ranking.get(0).get("meanScore").decimalValue()).isEqualByComparingTo("88.75");
    assertThat(ranking.get(0).get("scoreCount").asInt()).isEqualTo(2);
    assertThat(ranking.get(0).get("conflictCount").asInt()).isEqualTo(1);
    assertThat(ranking.get(1).get("meanScore").decimalValue()).isEqualByComparingTo("80.42");
    assertThat(ranking.get(2).get("rank").asInt()).isEqualTo(3);
    assertThat(json(selection, "rankingOptions").get(0)).hasToString(
        "{\"label\":\"第1名 沈阳市（平均分 88.75）\",\"value\":\"210100\"}");
    assertThat((String) runtime().getVariable(selection.getId(), "rankingRule")).contains("平均分", "最低有效评分",
        "提交时间", "城市代码");
    assertThat(runtime().getVariable(selection.getId(), "pilotQuota")).isEqualTo(2);

    // 确定试点城市 and 报送财政部
    Task select = task(selection, "selectPilotCities");
    BpmnAwareTests.assertThat(select).hasCandidateGroup("provincialFinance");
    assertThat(select.getDueDate().toInstant()).hasToString("2027-03-31T15:59:59Z");
    assertThat(formKey(select)).isEqualTo("selectPilotCities");
    complete(select, Map.of("selectedCityCodes", SpinValues.jsonValue("[\"210300\",\"210100\"]").create()));
    JsonNode selected = json(selection, "selectedCities");
    assertThat(selected.findValuesAsText("cityName")).containsExactly("沈阳市", "鞍山市");
    assertThat(selected.get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(selected.get(0).get("meanScore").decimalValue()).isEqualByComparingTo("88.75");
    assertThat(selected.get(0).get("businessKey").asText()).isEqualTo("2027-CENTRAL-210100");
    BpmnAwareTests.assertThat(selection).variables().containsEntry("selectionOutcome", "SELECTED")
        .containsEntry("selectionReason", null);

    Task submit = task(selection, "submitToMinistry");
    assertThat(formKey(submit)).isEqualTo("submitToMinistry");
    complete(submit, Map.of("materialsConfirmed", true, "submissionNote", "纸质材料另行寄送"));
    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("reviewCompleted", "recordSubmission", "listSubmitted")
        .hasNotPassed("escalateSchemePhase", "escalateReviewPhase");
    Map<String, Object> history = historicVariables(selection);
    assertThat(history).containsEntry("submittedAt", "2027-03-10T02:00:00Z").containsEntry("copiedToLocalBureau", true)
        .containsEntry("selectionOutcome", "SELECTED");

    // what programYear does with it later: the outcome reaches each application by its business key
    for (JsonNode row : ranking) {
      boolean chosen = selected.findValuesAsText("cityCode").contains(row.get("cityCode").asText());
      Map<String, Object> outcome = new HashMap<>();
      outcome.put("selected", chosen);
      outcome.put("selectionRank", chosen ? row.get("rank").asInt() : null);
      outcome.put("awardAmount", chosen ? 30_000_000L : null);
      runtime().createMessageCorrelation("pilotSelectionOutcome")
          .processInstanceBusinessKey(row.get("businessKey").asText()).setVariables(outcome).correlate();
    }
    BpmnAwareTests.assertThat(shenyang).isEnded().variables().containsEntry("selected", true)
        .containsEntry("selectionRank", 1);
    BpmnAwareTests.assertThat(anshan).isEnded().variables().containsEntry("selectionRank", 2);
    BpmnAwareTests.assertThat(fushun).isEnded().variables().containsEntry("selected", false);
    BpmnAwareTests.assertThat(otherUnit).isWaitingAt("awaitSelectionOutcome");
    BpmnAwareTests.assertThat(lastYear).isWaitingAt("awaitSelectionOutcome");
    runtime().signal(runtime().createExecutionQuery().processInstanceId(drafting.getId()).activityId("draftPilotPlan")
        .singleResult().getId());
    BpmnAwareTests.assertThat(drafting).isEnded();
  }

  @Test
  void unitWithOnePilotMayNotSelectTwo() {
    ProcessInstance selection = start("210200", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    assertThat(json(selection, "reviewerOptions").findValuesAsText("value")).containsExactly("dlReviewer");
    completeDraft(selection, List.of("dlReviewer"));
    agreeAll(selection);
    apply("210200", "210213", "金普新区", "2027-02-03T02:00:00Z", 2027, null);
    apply("210200", "210202", "中山区", "2027-02-04T02:00:00Z", 2027, null);
    closeWindow(selection);
    score(selection, "dlReviewer", Map.of("210213", 91, "210202", 86));
    assertThat(runtime().getVariable(selection.getId(), "pilotQuota")).isEqualTo(1);

    Task select = task(selection, "selectPilotCities");
    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of("210213", "210202"))))
        .satisfies(PilotSelectionProcessTest::isRefusal)
        .hasMessageContaining("所选城市数（2）超过本单位年度名额（1）");
    BpmnAwareTests.assertThat(selection).isWaitingAt("selectPilotCities");

    complete(select, Map.of("selectedCityCodes", List.of("210213")));
    assertThat(json(selection, "selectedCities").findValuesAsText("cityName")).containsExactly("金普新区");
    complete(task(selection, "submitToMinistry"), Map.of("materialsConfirmed", true));
    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("listSubmitted");
  }

  // ------------------------------------------------------------------ scheme rounds

  @Test
  void returnedSchemeGoesBackWithItsCommentsAndEveryRoundIsKept() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    completeDraft(selection, LN_REVIEWERS);
    Task cbirc = agreementOf(selection, "cbircOffice");
    assertThatThrownBy(() -> complete(cbirc, Map.of("agreementDecision", "RETURN")))
        .satisfies(PilotSelectionProcessTest::isRefusal).hasMessageContaining("退回修改意见：必须填写");
    assertThatThrownBy(() -> complete(cbirc, Map.of("agreementDecision", "MAYBE")))
        .hasMessageContaining("会签意见：请选择同意、退回修改之一（收到“MAYBE”）");
    complete(cbirc, Map.of("agreementDecision", "RETURN", "agreementComment", "请补充风险补偿类指标目标值的测算依据"));
    for (String department : List.of("localFinancialRegulator", "scienceTech", "industryIt", "pbocBranch")) {
      complete(agreementOf(selection, department), Map.of("agreementDecision", "AGREE"));
    }

    // back to provincial finance, with the comments; the earlier scheme is kept in the form
    BpmnAwareTests.assertThat(selection).isWaitingAt("draftEvaluationScheme").hasNotPassed("schemeAgreedEnd");
    BpmnAwareTests.assertThat(selection).variables().containsEntry("schemeReturned", true)
        .containsEntry("schemeReturnComments", "【银保监部门】请补充风险补偿类指标目标值的测算依据")
        .containsEntry("scoringMethod", "按评审方案评分：试点方案质量60分，工作基础40分。");
    assertThat(json(selection, "reviewerOptions")).hasSize(3);
    completeDraft(selection, List.of("lnReviewer", "lnReviewer2"));

    BpmnAwareTests.assertThat(selection).isWaitingAt("agreeEvaluationScheme").variables()
        .containsEntry("schemeRound", 2).containsEntry("schemeReturned", false).containsEntry("schemeReturnComments", null);
    agreeAll(selection);
    BpmnAwareTests.assertThat(selection).hasPassed("schemeAgreedEnd").isWaitingAt("applicationWindowClosed");

    JsonNode rounds = json(selection, "schemeAgreements");
    assertThat(rounds).hasSize(10);
    assertThat(rounds.findValuesAsText("round")).containsOnly("1", "2");
    JsonNode returned = rounds.get(0);
    assertThat(returned.get("department").asText()).isEqualTo("cbircOffice");
    assertThat(returned.get("decision").asText()).isEqualTo("RETURN");
    assertThat(returned.get("comment").asText()).isEqualTo("请补充风险补偿类指标目标值的测算依据");
    assertThat(returned.get("at").asText()).isEqualTo("2027-01-05T01:00:00Z");
    for (int i = 5; i < 10; i++) {
      assertThat(rounds.get(i).get("round").asInt()).isEqualTo(2);
      assertThat(rounds.get(i).get("decision").asText()).isEqualTo("AGREE");
    }
    assertThat(runtime().getVariable(selection.getId(), "reviewerIds")).isEqualTo(List.of("lnReviewer", "lnReviewer2"));
  }

  @Test
  void reviewerOptionsDoNotDependOnWhatTheUserWhoReturnedTheSchemeMaySee() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    completeDraft(selection, LN_REVIEWERS);
    for (String department : List.of("localFinancialRegulator", "scienceTech", "industryIt", "pbocBranch")) {
      complete(agreementOf(selection, department), Map.of("agreementDecision", "AGREE"));
    }
    // the CBIRC official may work on tasks and read the definition, but may read no users; one unit only
    Authorization work = processEngine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    work.setGroupId("cbircOffice");
    work.setResource(Resources.TASK);
    work.setResourceId("*");
    work.addPermission(Permissions.ALL);
    processEngine.getAuthorizationService().saveAuthorization(work);
    Authorization read = processEngine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    read.setGroupId("cbircOffice");
    read.setResource(Resources.PROCESS_DEFINITION);
    read.setResourceId("pilotSelection");
    read.addPermission(Permissions.READ);
    processEngine.getAuthorizationService().saveAuthorization(read);
    Task cbirc = agreementOf(selection, "cbircOffice");
    configuration().setAuthorizationEnabled(true);
    processEngine.getIdentityService().setAuthentication("lnCbirc", List.of("cbircOffice"), List.of("210000"));
    try {
      processEngine.getTaskService().complete(cbirc.getId(),
          Map.of("agreementDecision", "RETURN", "agreementComment", "请调整评审专家"));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
      configuration().setAuthorizationEnabled(false);
    }
    BpmnAwareTests.assertThat(selection).isWaitingAt("draftEvaluationScheme");
    assertThat(json(selection, "reviewerOptions").findValuesAsText("value")).containsExactlyElementsOf(LN_REVIEWERS);
    assertThat(json(selection, "schemeAgreements").get(4).get("userId").asText()).isEqualTo("lnCbirc");
  }

  @Test
  void incompleteSchemeIsRefusedWithEveryProblemAndTheTaskStays() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    Task draft = task(selection, "draftEvaluationScheme");
    JsonNode catalogue = json(selection, "indicatorTargets");
    Map<String, Object> variables = new HashMap<>();
    for (int i = 4; i <= catalogue.size(); i++) {
      variables.put("target_" + i, 10);
    }
    variables.put("target_2", "很多");   // target_1 missing, target_3 blank
    variables.put("target_3", " ");
    variables.put("scoringMethod", " ");
    variables.put("reviewers", List.of("lnReviewer", "sxReviewer"));

    assertThatThrownBy(() -> complete(draft, variables))
        .satisfies(PilotSelectionProcessTest::isRefusal)
        .hasMessageContaining("评分方法及评审标准：必须填写")
        .hasMessageContaining("评审专家：“sxReviewer”不是可选项")
        .hasMessageContaining("指标“" + catalogue.get(0).get("name").asText() + "”：必须填写目标值")
        .hasMessageContaining("指标“" + catalogue.get(1).get("name").asText() + "”：目标值“很多”不是数字")
        .hasMessageContaining("指标“" + catalogue.get(2).get("name").asText() + "”：必须填写目标值");
    assertThatThrownBy(() -> complete(draft, Map.of("scoringMethod", "评分", "reviewers", List.of())))
        .hasMessageContaining("评审专家：至少选择一项");
    BpmnAwareTests.assertThat(selection).isWaitingAt("draftEvaluationScheme").variables().doesNotContainKey("reviewerIds");
    assertThat(task(selection, "draftEvaluationScheme").getId()).isEqualTo(draft.getId());

    // REST callers send the same fields as the form; numeric text is fine
    variables.put("target_1", "12.5");
    variables.put("target_2", 3.75);
    variables.put("target_3", 0);
    variables.put("scoringMethod", "评分方法");
    variables.put("reviewers", List.of("lnReviewer"));
    complete(draft, variables);
    JsonNode scheme = json(selection, "indicatorTargets");
    assertThat(scheme.findValuesAsText("target").subList(0, 4)).containsExactly("12.5", "3.75", "0", "10");
    assertThat(scheme.get(0).get("unit").asText()).isEqualTo(catalogue.get(0).get("unit").asText());
  }

  @Test
  void unitWithoutReviewersCannotCompleteItsScheme() {
    processEngine.getIdentityService().deleteMembership("dlReviewer", "reviewPanel");
    ProcessInstance selection = start("210200", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    assertThat(json(selection, "reviewerOptions")).isEmpty();
    assertThatThrownBy(() -> completeDraft(selection, List.of("dlReviewer")))
        .hasMessageContaining("本单位评审专家组尚无成员");
  }

  // ------------------------------------------------------------------ no application

  @Test
  void noApplicationMeansNoPilotThisYear() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    completeDraft(selection, LN_REVIEWERS);
    agreeAll(selection);
    apply("610000", "610100", "西安市", "2027-02-11T02:00:00Z", 2027, null);   // another unit's
    closeWindow(selection);

    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("recordNoPilot", "noPilotThisYear")
        .hasNotPassed("reviewPhase");
    Map<String, Object> history = historicVariables(selection);
    assertThat(history).containsEntry("selectionOutcome", "NO_PILOT").containsEntry("applicationCount", 0)
        .containsEntry("selectionReason", "本年度无城市申报");
    assertThat(history.get("selectedCities")).hasToString("[]");
    assertThat(history.get("ranking")).hasToString("[]");
  }

  // ------------------------------------------------------------------ review and selection rules

  @Test
  void scoreSheetsAreCheckedRowByRow() {
    ProcessInstance selection = reviewWith("210000", LN_REVIEWERS,
        new String[] {"210100", "沈阳市", "2027-02-10T02:00:00Z"}, new String[] {"210300", "鞍山市", "2027-02-01T02:00:00Z"});
    Task sheet = reviewTaskOf(selection, "lnReviewer");   // row 1: 鞍山市 (submitted first), row 2: 沈阳市
    assertThatThrownBy(() -> complete(sheet, Map.of("score_1", 105, "score_2", 88.555)))
        .satisfies(PilotSelectionProcessTest::isRefusal)
        .hasMessageContaining("鞍山市：评分须在0至100分之间（收到105）")
        .hasMessageContaining("沈阳市：评分最多保留两位小数（收到88.555）");
    assertThatThrownBy(() -> complete(sheet, Map.of("score_1", 80, "conflict_1", true)))
        .hasMessageContaining("鞍山市：已声明存在利益冲突的，不能评分")
        .hasMessageContaining("沈阳市：必须评分，或声明存在利益冲突并回避评分");
    assertThatThrownBy(() -> complete(sheet, Map.of("score_1", "八十", "score_2", -1)))
        .hasMessageContaining("鞍山市：评分“八十”不是数字")
        .hasMessageContaining("沈阳市：评分须在0至100分之间（收到-1）");
    BpmnAwareTests.assertThat(selection).isWaitingAt("scoreApplications");
    assertThat(runtime().getVariable(selection.getId(), "reviewScores")).isNull();

    // numeric text and the checkbox's text value from REST callers are fine
    complete(sheet, Map.of("score_1", "80.5", "conflict_2", "true"));
    assertThat(json(selection, "reviewScores").findValuesAsText("score")).containsExactly("80.5", "null");
    assertThat(json(selection, "reviewScores").findValuesAsText("conflictOfInterest")).containsExactly("false", "true");
  }

  @Test
  void restCallersMaySendTheSchemeAndTheSheetAsRows() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    Task draft = task(selection, "draftEvaluationScheme");
    SpinJsonNode rows = org.camunda.spin.Spin.JSON(runtime().getVariable(selection.getId(), "indicatorTargets").toString());
    rows.elements().forEach(row -> row.prop("target", 10));
    String withStranger = rows.toString().replaceFirst("\\[", "[{\"code\":\"madeUpIndicator\",\"target\":1},");
    assertThatThrownBy(() -> complete(draft, Map.of("scoringMethod", "评分", "reviewers", List.of("lnReviewer"),
        "indicatorTargets", SpinValues.jsonValue(withStranger).create())))
        .satisfies(PilotSelectionProcessTest::isRefusal)
        .hasMessageContaining("指标目标值：“madeUpIndicator”不是指标目录中的指标");
    complete(draft, Map.of("scoringMethod", "评分", "reviewers", List.of("lnReviewer"),
        "indicatorTargets", SpinValues.jsonValue(rows.toString()).create()));
    assertThat(json(selection, "indicatorTargets").findValuesAsText("target")).containsOnly("10");

    agreeAll(selection);
    apply("210000", "210100", "沈阳市", "2027-02-10T02:00:00Z", 2027, null);
    apply("210000", "210300", "鞍山市", "2027-02-01T02:00:00Z", 2027, null);
    closeWindow(selection);
    Task review = reviewTaskOf(selection, "lnReviewer");
    SpinJsonNode sheet = org.camunda.spin.Spin.JSON(
        processEngine.getTaskService().getVariable(review.getId(), "reviewSheet").toString());
    assertThatThrownBy(() -> complete(review, Map.of("reviewSheet", SpinValues.jsonValue(
        "[{\"cityCode\":\"210300\",\"score\":80},{\"cityCode\":\"210300\",\"score\":81},{\"cityCode\":\"210999\"}]").create())))
        .hasMessageContaining("评分表：城市代码“210300”重复")
        .hasMessageContaining("评分表：“210999”不是本次评审的申报城市")
        .hasMessageContaining("沈阳市：必须评分");
    sheet.elements().forEach(row -> {
      if ("210100".equals(row.prop("cityCode").stringValue())) {
        row.prop("conflictOfInterest", true);
      } else {
        row.prop("score", 77.5);
      }
    });
    complete(review, Map.of("reviewSheet", SpinValues.jsonValue(sheet.toString()).create()));
    assertThat(json(selection, "reviewScores").findValuesAsText("score")).containsExactly("77.5", "null");
    assertThat(json(selection, "ranking").findValuesAsText("cityName")).containsExactly("鞍山市", "沈阳市");
  }

  @Test
  void tiesAreBrokenByLowestScoreThenSubmissionTimeThenCityCode() {
    ProcessInstance selection = reviewWith("210000", LN_REVIEWERS,
        new String[] {"210100", "沈阳市", "2027-02-01T02:00:00Z"},
        new String[] {"210300", "鞍山市", "2027-02-03T02:00:00Z"},
        new String[] {"210400", "抚顺市", "2027-02-02T02:00:00Z"},
        new String[] {"210500", "本溪市", "2027-02-01T02:00:00Z"},
        new String[] {"210600", "丹东市", "2027-02-02T02:00:00Z"});
    // every city but 本溪市 averages 85.00; nobody may score 本溪市
    score(selection, "lnReviewer", Map.of("210100", 80, "210300", 85, "210400", 85, "210500", CONFLICT, "210600", 85));
    score(selection, "lnReviewer2", Map.of("210100", 90, "210300", 85, "210400", 85, "210500", CONFLICT, "210600", 85));
    score(selection, "lnReviewer3", Map.of("210100", 85, "210300", 85, "210400", 85, "210500", CONFLICT, "210600", 85));

    JsonNode ranking = json(selection, "ranking");
    // 抚顺 and 丹东 (lowest 85, submitted Feb 2) before 鞍山 (lowest 85, Feb 3) before 沈阳 (lowest 80); 抚顺 has the
    // smaller code; 本溪 has no valid score and comes last
    assertThat(ranking.findValuesAsText("cityName")).containsExactly("抚顺市", "丹东市", "鞍山市", "沈阳市", "本溪市");
    assertThat(ranking.findValuesAsText("rank")).containsExactly("1", "2", "3", "4", "5");
    assertThat(ranking.get(4).get("meanScore").isNull()).isTrue();
    assertThat(ranking.get(4).get("scoreCount").asInt()).isZero();
    assertThat(ranking.get(4).get("conflictCount").asInt()).isEqualTo(3);
    assertThat(json(selection, "rankingOptions").findValuesAsText("label")).containsExactly(
        "第1名 抚顺市（平均分 85.00）", "第2名 丹东市（平均分 85.00）", "第3名 鞍山市（平均分 85.00）",
        "第4名 沈阳市（平均分 85.00）", "第5名 本溪市（无有效评分）");
  }

  @Test
  void selectionStaysWithinTheQuotaAndExplainsEveryDeparture() {
    ProcessInstance selection = reviewWith("210000", List.of("lnReviewer"),
        new String[] {"210100", "沈阳市", "2027-02-10T02:00:00Z"}, new String[] {"210300", "鞍山市", "2027-02-01T02:00:00Z"},
        new String[] {"210400", "抚顺市", "2027-02-20T02:00:00Z"});
    score(selection, "lnReviewer", Map.of("210100", 90, "210300", 80, "210400", 70));
    Task select = task(selection, "selectPilotCities");

    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of("210100", "210300", "210400"),
        "selectionReason", "三个城市都很好")))
        .satisfies(PilotSelectionProcessTest::isRefusal).hasMessageContaining("所选城市数（3）超过本单位年度名额（2）");
    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of("210100"))))
        .hasMessageContaining("选定理由：所选城市数（1）少于本单位可选数（2");
    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of("210100", "210400"))))
        .hasMessageContaining("选定理由：未按评审排名先后选定试点城市，必须说明理由");
    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of("999999"), "selectionReason", "x")))
        .hasMessageContaining("试点城市：“999999”不在本次评审的排名中");
    assertThatThrownBy(() -> complete(select, Map.of("selectedCityCodes", List.of())))
        .hasMessageContaining("所选城市数（0）少于");
    BpmnAwareTests.assertThat(selection).isWaitingAt("selectPilotCities").variables()
        .doesNotContainKey("selectedCities");
    assertThat(task(selection, "selectPilotCities").getId()).isEqualTo(select.getId());

    complete(select, Map.of("selectedCityCodes", List.of("210100"), "selectionReason", "鞍山市试点方案的风险补偿资金来源未落实。"));
    BpmnAwareTests.assertThat(selection).variables().containsEntry("selectionOutcome", "SELECTED")
        .containsEntry("selectionReason", "鞍山市试点方案的风险补偿资金来源未落实。");
    Task submit = task(selection, "submitToMinistry");
    assertThatThrownBy(() -> complete(submit, Map.of("materialsConfirmed", false)))
        .hasMessageContaining("材料确认：请确认试点城市名单、实施方案、绩效目标及评价指标表已齐备");
    complete(submit, Map.of("materialsConfirmed", "true"));
    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("listSubmitted");
  }

  @Test
  void provinceMaySelectNoneWithAReason() {
    ProcessInstance selection = reviewWith("210000", List.of("lnReviewer"),
        new String[] {"210100", "沈阳市", "2027-02-10T02:00:00Z"});
    score(selection, "lnReviewer", Map.of("210100", 55));
    complete(task(selection, "selectPilotCities"), Map.of("selectedCityCodes",
        SpinValues.jsonValue("[]").create(), "selectionReason", "唯一申报城市评分未达到评审方案要求的60分。"));
    BpmnAwareTests.assertThat(selection).variables().containsEntry("selectionOutcome", "NO_PILOT");
    assertThat(json(selection, "selectedCities")).isEmpty();
    complete(task(selection, "submitToMinistry"), Map.of());   // nothing to confirm when there is no pilot
    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("listSubmitted");
  }

  // ------------------------------------------------------------------ deadlines

  @Test
  void schemeRemindersAndEscalationFireAtTheirDates() {
    ProcessInstance selection = start("210000", 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    // reminder: 7 days ahead (deadlineReminder SCHEME) at 00:00 Beijing; escalation: end of Jan 31 Beijing
    assertThat(job(selection, "schemePhaseReminder").getDuedate().toInstant()).hasToString("2027-01-23T16:00:00Z");
    assertThat(job(selection, "schemePhaseOverdue").getDuedate().toInstant()).hasToString("2027-01-31T15:59:59Z");
    assertThat(dueJobs()).isEmpty();

    ClockUtil.setCurrentTime(beijing(2027, 1, 23, 23, 59));
    assertThat(dueJobs()).isEmpty();
    ClockUtil.setCurrentTime(beijing(2027, 1, 24, 8, 0));
    runDueJobs();
    BpmnAwareTests.assertThat(selection).hasPassed("remindSchemePhase", "schemePhaseReminded")
        .isWaitingAt("draftEvaluationScheme");
    Task draft = task(selection, "draftEvaluationScheme");
    assertThat(draft.getPriority()).isEqualTo(80);
    assertThat(processEngine.getTaskService().getTaskComments(draft.getId()))
        .anySatisfy(c -> assertThat(c.getFullMessage()).contains("到期提醒", "制定评审方案", "2027年1月31日"));
    assertThat(tasks(selection, "escalateSchemePhase")).isEmpty();

    ClockUtil.setCurrentTime(beijing(2027, 1, 31, 23, 59));
    assertThat(dueJobs()).isEmpty();
    ClockUtil.setCurrentTime(beijing(2027, 2, 1, 0, 0));
    runDueJobs();
    Task escalation = task(selection, "escalateSchemePhase");
    BpmnAwareTests.assertThat(escalation).hasCandidateGroup("mof");
    assertThat(escalation.getName()).startsWith("逾期督办：");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    BpmnAwareTests.assertThat(selection).isWaitingAt("draftEvaluationScheme", "escalateSchemePhase");

    assertThatThrownBy(() -> complete(escalation, Map.of())).hasMessageContaining("督办情况：必须填写");
    complete(escalation, Map.of("overdueNote", "已电话督促省财政厅，预计2月5日前完成会签。"));
    completeDraft(selection, LN_REVIEWERS);
    agreeAll(selection);
    BpmnAwareTests.assertThat(selection).hasPassed("schemePhaseEscalated").isWaitingAt("applicationWindowClosed");
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(selection.getId())
        .activityId("schemePhaseOverdue").count()).as("the scheme's timers end with the scheme").isZero();
  }

  @Test
  void aHistoricalYearIsRecordedWithoutRemindersOrEscalations() {
    // recorded after the fact: every deadline has passed when the year is entered
    ClockUtil.setCurrentTime(beijing(2027, 5, 10, 9, 0));
    Map<String, Object> variables = new HashMap<>(Map.of("applicantUnitCode", "210000", "programYear", 2027,
        "fundingLevel", "CENTRAL", "schemeDue", "2027-01-31", "applicationDue", "2027-02-27",
        "submissionDue", "2027-03-31", "historicalRecord", true));
    ProcessInstance selection = runtime().startProcessInstanceByKey("pilotSelection", "2027-CENTRAL-210000", variables);
    runDueJobs();

    BpmnAwareTests.assertThat(selection).hasPassed("schemePhaseReminded", "schemeOverdueNotEscalated")
        .hasNotPassed("escalateSchemePhase").isWaitingAt("draftEvaluationScheme");
    Task draft = task(selection, "draftEvaluationScheme");
    assertThat(draft.getPriority()).as("no reminder raised it").isEqualTo(50);
    assertThat(processEngine.getTaskService().getTaskComments(draft.getId())).isEmpty();
    assertThat(processEngine.getTaskService().createTaskQuery().taskDefinitionKeyLike("escalate%").count()).isZero();
  }

  @Test
  void year2019WithOneDeadlineForEverything() {
    ClockUtil.setCurrentTime(beijing(2019, 7, 20, 9, 0));
    ProcessInstance selection = start("210000", 2019, "2019-08-31", "2019-08-31", "2019-08-31");
    assertThat(selection.getBusinessKey()).isEqualTo("2019-CENTRAL-210000");
    assertThat(task(selection, "draftEvaluationScheme").getDueDate().toInstant()).hasToString("2019-08-31T15:59:59Z");
    assertThat(job(selection, "schemePhaseOverdue").getDuedate().toInstant()).hasToString("2019-08-31T15:59:59Z");
    assertThat(job(selection, "schemePhaseReminder").getDuedate().toInstant()).hasToString("2019-08-23T16:00:00Z");
    ClockUtil.setCurrentTime(beijing(2019, 8, 1, 9, 0));
    completeDraft(selection, LN_REVIEWERS);
    agreeAll(selection);
    assertThat(job(selection, "applicationWindowClosed").getDuedate().toInstant()).hasToString("2019-08-31T16:00:00Z");
    apply("210000", "210100", "沈阳市", "2019-08-20T02:00:00Z", 2019, null);
    apply("210000", "210300", "鞍山市", "2019-08-22T02:00:00Z", 2019, null);

    // the window closes when the submission is already due: the reminder and the escalation follow at once
    ClockUtil.setCurrentTime(beijing(2019, 9, 1, 0, 0));
    runDueJobs();
    BpmnAwareTests.assertThat(selection).isWaitingAt("scoreApplications");
    runDueJobs();
    BpmnAwareTests.assertThat(selection).hasPassed("remindReviewPhase", "reviewPhaseReminded")
        .isWaitingAt("scoreApplications", "escalateReviewPhase");
    List<Task> reviews = tasks(selection, "scoreApplications");
    assertThat(reviews).allSatisfy(t -> {
      assertThat(t.getDueDate().toInstant()).hasToString("2019-08-31T15:59:59Z");
      assertThat(t.getPriority()).isEqualTo(80);
    });
    BpmnAwareTests.assertThat(task(selection, "escalateReviewPhase")).hasCandidateGroup("mof");

    for (String reviewer : LN_REVIEWERS) {
      score(selection, reviewer, Map.of("210100", 88, "210300", 81));
    }
    complete(task(selection, "selectPilotCities"), Map.of("selectedCityCodes", List.of("210100", "210300")));
    complete(task(selection, "submitToMinistry"), Map.of("materialsConfirmed", true));
    BpmnAwareTests.assertThat(selection).hasPassed("listSubmitted").isWaitingAt("escalateReviewPhase");
    complete(task(selection, "escalateReviewPhase"), Map.of("overdueNote", "2019年通知7月印发，名单已于9月1日报送。"));
    BpmnAwareTests.assertThat(selection).isEnded().hasPassed("reviewPhaseEscalated");
    assertThat(historicVariables(selection)).containsEntry("submittedAt", "2019-08-31T16:00:00Z");
  }

  // ------------------------------------------------------------------ forms

  @Test
  void formsHaveAFieldForEveryIndicatorAndEnoughForTheLargestUnit() throws Exception {
    int indicators = new IndicatorCatalogue().load(resource("processes/indicatorCatalogue.dmn"),
        resource("processes/performanceScore.dmn")).indicators().size();
    List<String> draft = formKeys("forms/draftEvaluationScheme.form");
    assertThat(draft.stream().filter(k -> k.startsWith("target_")).count())
        .as("a target_n field for every row of the indicator catalogue").isGreaterThanOrEqualTo(indicators);
    List<String> score = formKeys("forms/scoreApplications.form");
    assertThat(score.stream().filter(k -> k.startsWith("score_")).count()).isGreaterThanOrEqualTo(45);
    assertThat(score.stream().filter(k -> k.startsWith("conflict_")).count()).isGreaterThanOrEqualTo(45);
    // Tasklist 7.24 (form-js 1.8.7) cannot take input inside a dynamic list (bpmn-io/form-js#1494)
    for (String form : List.of("draftEvaluationScheme", "agreeEvaluationScheme", "scoreApplications",
        "selectPilotCities", "submitToMinistry")) {
      assertThat(read(new String(resource("forms/" + form + ".form").readAllBytes(), StandardCharsets.UTF_8)).findValuesAsText("type"))
          .as(form).doesNotContain("dynamiclist");
    }
  }

  private static InputStream resource(String name) {
    return PilotSelectionProcessTest.class.getClassLoader().getResourceAsStream(name);
  }

  private static List<String> formKeys(String name) throws Exception {
    return read(new String(resource(name).readAllBytes(), StandardCharsets.UTF_8)).findValuesAsText("key");
  }

  // ------------------------------------------------------------------ helpers: the process

  private ProcessInstance start(String unit, int year, String schemeDue, String applicationDue, String submissionDue) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicantUnitCode", unit);
    variables.put("programYear", year);
    variables.put("fundingLevel", "CENTRAL");
    variables.put("schemeDue", schemeDue);
    variables.put("applicationDue", applicationDue);
    variables.put("submissionDue", submissionDue);
    variables.put("historicalRecord", false);
    return runtime().startProcessInstanceByKey("pilotSelection", year + "-CENTRAL-" + unit, variables);
  }

  /** The scheme as Tasklist submits it: the target of the n-th catalogue row as target_n. */
  private void completeDraft(ProcessInstance selection, List<String> reviewers) {
    Map<String, Object> variables = new HashMap<>();
    int indicators = json(selection, "indicatorTargets").size();
    for (int i = 1; i <= indicators; i++) {
      variables.put("target_" + i, 99 + i);
    }
    variables.put("scoringMethod", "按评审方案评分：试点方案质量60分，工作基础40分。");
    variables.put("reviewers", SpinValues.jsonValue(toJson(reviewers)).create());
    complete(task(selection, "draftEvaluationScheme"), variables);
  }

  private void agreeAll(ProcessInstance selection) {
    for (Task agreement : tasks(selection, "agreeEvaluationScheme")) {
      complete(agreement, Map.of("agreementDecision", "AGREE"));
    }
  }

  private Task agreementOf(ProcessInstance selection, String department) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(selection.getId())
        .taskDefinitionKey("agreeEvaluationScheme").taskCandidateGroup(department).singleResult();
  }

  /** A city's application that waits for the outcome (stage null) or is still being written (DRAFTING). */
  private ProcessInstance apply(String unit, String cityCode, String cityName, String submittedAt, int year, String stage) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicantUnitCode", unit);
    variables.put("cityCode", cityCode);
    variables.put("cityName", cityName);
    variables.put("applicantType", "PREFECTURE_CITY");
    variables.put("planSummary", cityName + "试点方案摘要");
    variables.put("submittedAt", submittedAt);
    variables.put("programYear", year);
    variables.put("fundingLevel", "CENTRAL");
    variables.put("stage", stage);
    return runtime().startProcessInstanceByKey("cityApplication", year + "-CENTRAL-" + cityCode, variables);
  }

  private void closeWindow(ProcessInstance selection) {
    Job window = job(selection, "applicationWindowClosed");
    ClockUtil.setCurrentTime(Date.from(window.getDuedate().toInstant().plusSeconds(60)));
    processEngine.getManagementService().executeJob(window.getId());
  }

  /** A selection of the given unit whose scheme is agreed and whose applications are in review. */
  private ProcessInstance reviewWith(String unit, List<String> reviewers, String[]... cities) {
    ProcessInstance selection = start(unit, 2027, "2027-01-31", "2027-02-27", "2027-03-31");
    completeDraft(selection, reviewers);
    agreeAll(selection);
    for (String[] city : cities) {
      apply(unit, city[0], city[1], city[2], 2027, null);
    }
    closeWindow(selection);
    BpmnAwareTests.assertThat(selection).isWaitingAt("scoreApplications");
    return selection;
  }

  /**
   * One reviewer's sheet as Tasklist submits it: score_n and conflict_n for the n-th application of the sheet
   * (order of submission); a score of {@link #CONFLICT} declares a conflict of interest.
   */
  private void score(ProcessInstance selection, String reviewer, Map<String, Object> scores) {
    List<String> order = json(selection, "applications").findValuesAsText("cityCode");
    Map<String, Object> variables = new HashMap<>();
    scores.forEach((code, value) -> {
      int slot = order.indexOf(code) + 1;
      variables.put("score_" + slot, CONFLICT.equals(value) ? null : value);
      variables.put("conflict_" + slot, CONFLICT.equals(value));
    });
    complete(reviewTaskOf(selection, reviewer), variables);
  }

  private Task reviewTaskOf(ProcessInstance selection, String reviewer) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(selection.getId())
        .taskDefinitionKey("scoreApplications").taskAssignee(reviewer).singleResult();
  }

  // ------------------------------------------------------------------ helpers: the engine

  private RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  private void complete(Task task, Map<String, Object> variables) {
    processEngine.getTaskService().complete(task.getId(), variables);
  }

  private Task task(ProcessInstance instance, String activityId) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).singleResult();
  }

  private List<Task> tasks(ProcessInstance instance, String activityId) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(activityId).list();
  }

  private String candidateGroup(Task task) {
    TaskService tasks = processEngine.getTaskService();
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).findFirst().orElse(null);
  }

  private String formKey(Task task) {
    return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
  }

  private Job job(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult();
  }

  private List<Job> dueJobs() {
    return processEngine.getManagementService().createJobQuery().executable().list();
  }

  private void runDueJobs() {
    ManagementService management = processEngine.getManagementService();
    dueJobs().forEach(job -> management.executeJob(job.getId()));
  }

  private JsonNode json(ProcessInstance instance, String variable) {
    return read(runtime().getVariable(instance.getId(), variable));
  }

  private Map<String, Object> historicVariables(ProcessInstance instance) {
    Map<String, Object> values = new HashMap<>();
    processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(v -> values.put(v.getName(), v.getValue() instanceof SpinJsonNode spin ? spin.toString() : v.getValue()));
    return values;
  }

  /** A refusal of the form checks: the engine wraps the listener's BadUserRequestException (REST answers 400). */
  private static void isRefusal(Throwable thrown) {
    Throwable cause = thrown;
    while (cause.getCause() != null && !(cause instanceof BadUserRequestException)) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(BadUserRequestException.class).hasMessageStartingWith("表单填写有误");
  }

  private static JsonNode read(Object value) {
    try {
      return JSON.readTree(value.toString());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + value, e);
    }
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
