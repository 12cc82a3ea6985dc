package org.pilotcity.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * Every path of the city application (试点城市申报), driven through the engine with the real listeners,
 * the real decision tables and a stand-in for the province's running selection.
 */
@Deployment(resources = {"processes/cityApplication.bpmn", "forms/registerCityApplication.form",
    "forms/writePilotPlan.form", "forms/acceptPilotPlan.form", "forms/decideEligibilityException.form",
    "forms/acknowledgeOverdue.form", "processes/applicantEligibility.dmn", "processes/indicatorCatalogue.dmn",
    "processes/performanceScore.dmn", "processes/deadlineReminder.dmn",
    "org/pilotcity/application/pilotSelectionStandIn.bpmn",
    "org/pilotcity/application/pilotTermStandIn.bpmn"})
class CityApplicationProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  static final String APPLICATION_DUE = "2027-02-27";
  /** Wednesday 2027-02-10, 10:00 in Beijing: the window is open. */
  static final Date NOW = beijing(2027, 2, 10, 10, 0);
  static final String SHENYANG_KEY = "2027-CENTRAL-210100";
  static final ObjectMapper JSON = new ObjectMapper();

  ProcessEngine processEngine;
  final Deadlines deadlines = new Deadlines();
  final List<String> createdUsers = new ArrayList<>();
  final List<String> createdGroups = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(NOW);
    Organization organization = new Organization();
    Mocks.register("deadlines", deadlines);
    Mocks.register("registerCityApplication", new RegisterCityApplication(deadlines, organization));
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(organization));
    Mocks.register("validatePilotPlan", new ValidatePilotPlan(deadlines));
    Mocks.register("validatePlanAcceptance", new ValidatePlanAcceptance(deadlines));
    Mocks.register("validateEligibilityException", new ValidateEligibilityException());
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    Mocks.register("startPilotTerm", new StartPilotTerm());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());

    group("cityFinance", "市财政部门");
    group("provincialFinance", "省级财政部门");
    group("city210100", "沈阳市财政局");
    group("city210300", "鞍山市财政局");
    user("lnShenyang", "cityFinance", "city210100");
    user("lnShenyang2", "cityFinance", "city210100");
    user("lnAnshan", "cityFinance", "city210300");
    user("lnFinance", "provincialFinance");
    user("lnTwoCities", "cityFinance", "city210100", "city210300");

  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    identity().clearAuthentication();
    createdUsers.forEach(identity()::deleteUser);
    createdGroups.forEach(identity()::deleteGroup);
  }

  // ------------------------------------------------------------------ paths

  @Test
  void eligibleAcceptedApplicationIsSelected() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));

    assertThat(application.getBusinessKey()).isEqualTo(SHENYANG_KEY);
    assertThat(processEngine.getFormService().getStartFormData(application.getProcessDefinitionId())
        .getCamundaFormRef().getKey()).isEqualTo("registerCityApplication");
    assertThat(application.getTenantId()).isEqualTo("210000");
    assertThat(application).isWaitingAt("writePilotPlan").variables()
        .containsEntry("cityCode", "210100").containsEntry("cityName", "沈阳市")
        .containsEntry("cityGroup", "city210100").containsEntry("applicationStatus", "REGISTERED")
        .containsEntry("applicantUnitCode", "210000").containsEntry("applicantUnitName", "辽宁省")
        .containsEntry("schemeDue", "2027-01-31").containsEntry("applicationDue", APPLICATION_DUE)
        .containsEntry("submissionDue", "2027-03-31").containsEntry("programYear", 2027)
        .containsEntry("planSubmitted", false).containsEntry("exceptionJustified", false)
        .containsEntry("initiator", "lnShenyang");
    SpinJsonNode blank = targets(application);
    assertThat(blank.elements()).hasSizeGreaterThan(10);
    SpinJsonNode first = blank.elements().get(0);
    assertThat(first.prop("code").stringValue()).isNotBlank();
    assertThat(first.prop("name").stringValue()).isNotBlank();
    assertThat(first.prop("points").numberValue().doubleValue()).isPositive();
    assertThat(first.prop("baseline").isNull()).isTrue();
    assertThat(first.prop("target").isNull()).isTrue();

    Task write = task(application);
    assertThat(write).isAssignedTo("lnShenyang").hasCandidateGroupAssociated("city210100");
    assertThat(write.getDueDate()).isEqualTo(deadlines.endOfDay(APPLICATION_DUE));
    assertThat(write.getDueDate().toInstant().toString()).isEqualTo("2027-02-27T15:59:59Z");
    assertThat(write.getTenantId()).isEqualTo("210000");
    assertThat(formKey(write)).isEqualTo("writePilotPlan");

    submitPlan(application);
    assertThat(application).isWaitingAt("acceptPilotPlan").variables()
        .containsEntry("applicationStatus", "SUBMITTED").containsEntry("planSubmitted", true)
        .containsEntry("submittedAt", "2027-02-10T02:00:00Z").containsEntry("submittedAtText", "2027-02-10 10:00（北京时间）").containsEntry("planSummary", "以首贷、信用贷和政府性融资担保为重点");
    Task accept = task(application);
    assertThat(accept).hasCandidateGroupAssociated("provincialFinance");
    assertThat(accept.getDueDate()).isEqualTo(deadlines.endOfDay(APPLICATION_DUE));
    assertThat(formKey(accept)).isEqualTo("acceptPilotPlan");
    // the targets are kept complete: names and points from the catalogue, numbers from the city
    SpinJsonNode submitted = targets(application);
    assertThat(submitted.elements()).hasSameSizeAs(blank.elements());
    assertThat(submitted.elements().get(0).prop("name").stringValue()).isEqualTo(first.prop("name").stringValue());
    assertThat(submitted.elements().get(0).prop("baseline").numberValue().intValue()).isEqualTo(100);
    assertThat(submitted.elements().get(0).prop("target").numberValue().intValue()).isEqualTo(120);
    assertThat(submitted.elements()).allSatisfy(row -> {
      assertThat(row.prop("baseline").numberValue().intValue()).isEqualTo(100);
      assertThat(row.prop("target").numberValue().intValue()).isEqualTo(120);
    });
    // the numbers live in the rows only once submitted
    assertThat(application).variables().doesNotContainKey("baseline_1").doesNotContainKey("target_1");

    BpmnAwareTests.complete(accept, withVariables("planDecision", "ACCEPT"));
    assertThat(application).hasPassed("planPhaseDone", "checkEligibility", "markEligible")
        .isWaitingAt("awaitSelectionOutcome").variables()
        .containsEntry("applicationStatus", "ELIGIBLE")
        .containsEntry("eligibilityReason", "地级市（含自治州、盟）属于试点城市范围");

    correlateOutcome(SHENYANG_KEY, true, 1, 30_000_000L);
    assertThat(application).isWaitingAt("startPilotTerm");
    BpmnAwareTests.execute(BpmnAwareTests.job(application));
    assertThat(application).isEnded().hasPassed("recordSelectionOutcome", "startPilotTerm",
            "citySelected").variables()
        .containsEntry("applicationStatus", "SELECTED").containsEntry("selectionRank", 1)
        .containsEntry("awardAmount", 30_000_000L).containsEntry("pilotKey", SHENYANG_KEY);

    // the pilot term takes the city, its unit and its accepted targets along, once
    ProcessInstance term = runtime().createProcessInstanceQuery().processDefinitionKey("pilotTerm")
        .processInstanceBusinessKey(SHENYANG_KEY).singleResult();
    assertThat(term).isNotNull();
    assertThat(term.getTenantId()).isEqualTo("210000");
    assertThat(term).variables().containsEntry("pilotKey", SHENYANG_KEY).containsEntry("cityCode", "210100")
        .containsEntry("cityGroup", "city210100").containsEntry("programYear", 2027)
        .containsEntry("fundingLevel", "CENTRAL").containsEntry("selectionRank", 1)
        .containsEntry("applicantUnitCode", "210000").containsKey("indicatorTargets");
    SpinJsonNode handedOver = (SpinJsonNode) runtime().getVariable(term.getId(), "indicatorTargets");
    assertThat(handedOver.elements().get(0).prop("target").numberValue().intValue()).isEqualTo(120);
  }

  @Test
  void aRepeatedStartFindsThePilotTermAlreadyThere() {
    ProcessInstance application = eligibleApplication("lnShenyang", "PREFECTURE_CITY");
    correlateOutcome(SHENYANG_KEY, true, 1, 30_000_000L);
    StartPilotTerm start = new StartPilotTerm();
    Job job = BpmnAwareTests.job(application);
    // the step runs, then its job is retried (e.g. the commit failed after the start)
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(context -> {
      start.execute(context.getExecutionManager().findExecutionById(application.getId()));
      return null;
    });
    BpmnAwareTests.execute(job);
    assertThat(application).isEnded().hasPassed("citySelected");
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("pilotTerm").count()).isEqualTo(1);
  }

  @Test
  void aProvincialPilotEntersItsOwnTermUnderItsProvincialKey() {
    ProcessInstance application = eligibleApplication("lnShenyang", "PREFECTURE_CITY");
    runtime().setVariable(application.getId(), "fundingLevel", "PROVINCIAL");
    correlateOutcome(SHENYANG_KEY, true, 1, null);
    BpmnAwareTests.execute(BpmnAwareTests.job(application));

    assertThat(application).isEnded().hasPassed("startPilotTerm", "citySelected");
    ProcessInstance term = runtime().createProcessInstanceQuery().processDefinitionKey("pilotTerm").singleResult();
    assertThat(term.getBusinessKey()).isEqualTo("2027-PROVINCIAL-210100");
    assertThat(term.getTenantId()).isEqualTo("210000");
    assertThat(term).variables().containsEntry("fundingLevel", "PROVINCIAL").containsEntry("cityGroup", "city210100");
  }

  @Test
  void applicationNotSelectedEndsAsSuch() {
    ProcessInstance application = eligibleApplication("lnShenyang", "STATE_NEW_AREA");
    correlateOutcome(SHENYANG_KEY, false, null, null);
    assertThat(application).isEnded().hasPassed("cityNotSelected").hasNotPassed("citySelected")
        .variables().containsEntry("applicationStatus", "NOT_SELECTED");
  }

  @Test
  void planNotSubmittedByTheDeadlineIsLateAndEscalated() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    Job deadline = timer(application, "applicationDeadlinePassed");
    assertThat(deadline.getDuedate()).isEqualTo(deadlines.endOfDay(APPLICATION_DUE));

    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 0));
    processEngine.getManagementService().executeJob(deadline.getId());

    assertThat(application).hasPassed("applicationDeadlinePassed", "recordLateApplication")
        .hasNotPassed("checkEligibility").isWaitingAt("escalateLateApplication")
        .variables().containsEntry("applicationStatus", "LATE");
    Task escalation = task(application);
    assertThat(escalation).hasCandidateGroupAssociated("provincialFinance");
    assertThat(escalation.getName()).startsWith("逾期督办：");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    assertThat(taskService().createTaskQuery().processInstanceId(application.getId()).count()).isEqualTo(1);

    assertRefused(() -> taskService().complete(escalation.getId())).hasMessageContaining("督办情况：必须填写");
    BpmnAwareTests.complete(escalation, withVariables("overdueNote", "已电话督促沈阳市财政局，该市放弃本年度申报。"));
    assertThat(application).isEnded().hasPassed("applicationLate");
  }

  @Test
  void startAfterTheDeadlineIsRefusedButTheLastMinuteCounts() {
    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 0));
    assertRefused(() -> apply("lnShenyang", request("PREFECTURE_CITY")))
        .hasMessageContaining("辽宁省2027年度（中央财政试点）试点城市申报已于2027-02-27（北京时间当日24时）截止，不能再申报");
    assertThat(applications()).isZero();

    ClockUtil.setCurrentTime(beijing(2027, 2, 27, 23, 59));
    assertThat(apply("lnShenyang", request("PREFECTURE_CITY"))).isWaitingAt("writePilotPlan");
  }

  @Test
  void planSubmittedButNotYetAcceptedAtTheDeadlineCounts() {
    ProcessInstance application = apply("lnShenyang", request("CAPITAL_DISTRICT"));
    submitPlan(application);
    assertThat(application).isWaitingAt("acceptPilotPlan");

    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 0));
    processEngine.getManagementService().executeJob(timer(application, "applicationDeadlinePassed").getId());

    assertThat(application).hasPassed("applicationDeadlinePassed", "checkEligibility", "markEligible")
        .hasNotPassed("planPhaseDone", "recordLateApplication").isWaitingAt("awaitSelectionOutcome")
        .variables().containsEntry("applicationStatus", "ELIGIBLE");
    assertThat(taskService().createTaskQuery().processInstanceId(application.getId()).count()).isZero();
  }

  @Test
  void secondApplicationOfTheSameCityAndYearIsRefused() {
    apply("lnShenyang", request("PREFECTURE_CITY"));

    assertRefused(() -> apply("lnShenyang2", request("PREFECTURE_CITY")))
        .hasMessageContaining("该城市本年度已申报（申报编号2027-CENTRAL-210100，正在办理中），同一城市一年只能申报一次");
    assertThat(applications()).isEqualTo(1);

    // another city of the same unit may apply
    ProcessInstance anshan = apply("lnAnshan", request("PREFECTURE_CITY"));
    assertThat(anshan.getBusinessKey()).isEqualTo("2027-CENTRAL-210300");
    assertThat(anshan).variables().containsEntry("cityName", "鞍山市");
  }

  @Test
  void finishedApplicationAlsoBlocksButALateOneDoesNot() {
    ProcessInstance ineligible = apply("lnShenyang", request("OTHER"));
    submitPlan(ineligible);
    BpmnAwareTests.complete(task(ineligible), withVariables("planDecision", "ACCEPT"));
    BpmnAwareTests.complete(task(ineligible), withVariables("exceptionDecision", "REJECT"));
    assertThat(ineligible).isEnded();
    assertRefused(() -> apply("lnShenyang", request("PREFECTURE_CITY")))
        .hasMessageContaining("申报编号2027-CENTRAL-210100，已办结");

    ProcessInstance late = apply("lnAnshan", request("PREFECTURE_CITY"));
    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 0));
    processEngine.getManagementService().executeJob(timer(late, "applicationDeadlinePassed").getId());
    BpmnAwareTests.complete(task(late), withVariables("overdueNote", "已督办，鞍山市未按时报送。"));
    assertThat(late).isEnded().hasPassed("applicationLate");

    // were the window still open (e.g. the province extended it), a late application does not count
    ClockUtil.setCurrentTime(NOW);
    assertThat(apply("lnAnshan", request("PREFECTURE_CITY"))).isWaitingAt("writePilotPlan");
  }

  @Test
  void returnedPlanIsRevisedAndResubmitted() {
    ProcessInstance application = apply("lnShenyang", request("MUNICIPAL_DISTRICT"));
    submitPlan(application);
    Task accept = task(application);

    assertRefused(() -> taskService().complete(accept.getId(), Map.of("planDecision", "RETURN")))
        .hasMessageContaining("退回意见：必须填写");
    BpmnAwareTests.complete(accept, withVariables("planDecision", "RETURN",
        "returnComment", "细化任务缺少完成时限，请补充。"));

    assertThat(application).isWaitingAt("writePilotPlan").variables()
        .containsEntry("applicationStatus", "RETURNED").containsEntry("planSubmitted", false)
        .containsEntry("planDecision", "RETURN").containsEntry("returnComment", "细化任务缺少完成时限，请补充。");
    assertThat(task(application)).isAssignedTo("lnShenyang").hasCandidateGroupAssociated("city210100");
    // the form shows the returned numbers again in its numbered fields; the rows wait for the resubmission
    int indicators = targets(application).elements().size();
    Map<String, Object> shown = taskService().getVariables(task(application).getId());
    for (int n = 1; n <= indicators; n++) {
      assertThat(shown).containsEntry("baseline_" + n, 100L).containsEntry("target_" + n, 120L);
    }
    assertThat(targets(application).elements()).allSatisfy(row -> assertThat(row.prop("target").isNull()).isTrue());

    ClockUtil.setCurrentTime(beijing(2027, 2, 12, 9, 0));
    Map<String, Object> revised = new HashMap<>();
    revised.put("implementationPlan", shown.get("implementationPlan"));
    revised.put("plannedAwardUse", shown.get("plannedAwardUse"));
    revised.put("planSummary", shown.get("planSummary"));
    for (int n = 1; n <= indicators; n++) {   // as Tasklist sends the form back: unchanged fields included
      revised.put("baseline_" + n, shown.get("baseline_" + n));
      revised.put("target_" + n, shown.get("target_" + n));
    }
    revised.put("target_1", 150.5);
    revised.put("detailedTasks", "1. 设立首贷服务中心（市财政局，2027年6月底前）\n2. 扩大信用贷款（人民银行，2027年底前）");
    BpmnAwareTests.complete(task(application), revised);
    assertThat(application).isWaitingAt("acceptPilotPlan").variables()
        .containsEntry("applicationStatus", "SUBMITTED").containsEntry("planSubmitted", true)
        .containsEntry("submittedAt", "2027-02-12T01:00:00Z").doesNotContainKey("planDecision");
    assertThat(targets(application).elements().get(0).prop("target").numberValue().doubleValue()).isEqualTo(150.5);
    assertThat(targets(application).elements().get(1).prop("target").numberValue().intValue()).isEqualTo(120);

    BpmnAwareTests.complete(task(application), withVariables("planDecision", "ACCEPT"));
    assertThat(application).hasPassed("planPhaseDone").isWaitingAt("awaitSelectionOutcome")
        .variables().containsEntry("applicationStatus", "ELIGIBLE");
  }

  @Test
  void planCannotBeReturnedOrSubmittedOnceTheDeadlineHasPassed() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    Map<String, Object> plan = plan(application);
    // the deadline timer has not run yet (job executor busy), but the clock is past the deadline
    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 5));
    assertRefused(() -> taskService().complete(task(application).getId(), plan))
        .hasMessageContaining("申报已于2027-02-27（北京时间当日24时）截止，不能再提交或修改试点方案");

    ClockUtil.setCurrentTime(NOW);
    BpmnAwareTests.complete(task(application), plan);
    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 5));
    Task accept = task(application);
    assertRefused(() -> taskService().complete(accept.getId(),
        Map.of("planDecision", "RETURN", "returnComment", "请补充"))).hasMessageContaining("不能再退回，请受理");
    BpmnAwareTests.complete(accept, withVariables("planDecision", "ACCEPT"));
    assertThat(application).isWaitingAt("awaitSelectionOutcome");
  }

  @Test
  void applicantOutsideTheListIsRejectedWithItsReason() {
    ProcessInstance application = apply("lnShenyang", request("OTHER"));
    submitPlan(application);
    BpmnAwareTests.complete(task(application), withVariables("planDecision", "ACCEPT"));

    assertThat(application).hasPassed("checkEligibility").hasNotPassed("markEligible")
        .isWaitingAt("decideEligibilityException").variables()
        .containsEntry("eligibilityReason",
            "不属于试点城市范围（地级市、直辖市和计划单列市所辖县区、省会（首府）城市所属区县、国家级新区），且无书面说明理由");
    Task decide = task(application);
    assertThat(decide).hasCandidateGroupAssociated("provincialFinance");
    assertThat(decide.getDueDate()).isEqualTo(deadlines.endOfDay(APPLICATION_DUE));
    assertThat(formKey(decide)).isEqualTo("decideEligibilityException");

    BpmnAwareTests.complete(decide, withVariables("exceptionDecision", "REJECT"));
    assertThat(application).isEnded().hasPassed("applicationIneligible").hasNotPassed("awaitSelectionOutcome")
        .variables().containsEntry("applicationStatus", "INELIGIBLE").containsEntry("exceptionJustified", false);
  }

  @Test
  void anExceptionStillUndecidedAtTheDeadlineIsEscalatedToTheMinistry() {
    ProcessInstance application = apply("lnShenyang", request("OTHER"));
    submitPlan(application);
    BpmnAwareTests.complete(task(application), withVariables("planDecision", "ACCEPT"));
    Job overdue = timer(application, "eligibilityDecisionOverdue");
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-02-27T15:59:59Z");

    ClockUtil.setCurrentTime(beijing(2027, 2, 28, 0, 0));
    processEngine.getManagementService().executeJob(overdue.getId());
    Task escalation = taskService().createTaskQuery().processInstanceId(application.getId())
        .taskDefinitionKey("escalateEligibilityDecision").singleResult();
    assertThat(escalation).hasCandidateGroupAssociated("mof");
    assertThat(escalation.getName()).startsWith("逾期督办：");
    assertRefused(() -> taskService().complete(escalation.getId(), Map.of())).hasMessageContaining("督办情况：必须填写");
    BpmnAwareTests.complete(escalation, withVariables("overdueNote", "已督促辽宁省财政厅当日作出决定。"));
    assertThat(application).hasPassed("eligibilityDecisionEscalated").isWaitingAt("decideEligibilityException");
  }

  @Test
  void justifiedExceptionCompetesAndKeepsItsJustification() {
    ProcessInstance application = apply("lnShenyang", request("OTHER"));
    submitPlan(application);
    BpmnAwareTests.complete(task(application), withVariables("planDecision", "ACCEPT"));
    Task decide = task(application);

    assertRefused(() -> taskService().complete(decide.getId(), Map.of("exceptionDecision", "GRANT")))
        .hasMessageContaining("书面说明理由：必须填写");
    assertRefused(() -> taskService().complete(decide.getId(),
        Map.of("exceptionDecision", "GRANT", "exceptionJustification", "示范区，情况特殊。")))
        .hasMessageContaining("书面说明理由：至少20个字（现为9个）");
    assertRefused(() -> taskService().complete(decide.getId(), Map.of("exceptionDecision", "MAYBE")))
        .hasMessageContaining("决定：请选择书面说明理由后准予参加评审、不予受理之一（收到“MAYBE”）");

    String justification = "该示范区经国务院批准设立，实行地级市管理权限，民营和小微企业集中，金融服务改革需求迫切，参照2020年杨凌示范区先例。";
    BpmnAwareTests.complete(decide,
        withVariables("exceptionDecision", "GRANT", "exceptionJustification", justification));
    assertThat(application).hasPassed("competitionJoin").isWaitingAt("awaitSelectionOutcome").variables()
        .containsEntry("applicationStatus", "EXCEPTION_GRANTED").containsEntry("exceptionJustified", true)
        .containsEntry("exceptionJustification", justification);

    correlateOutcome(SHENYANG_KEY, true, 2, 30_000_000L);
    BpmnAwareTests.execute(BpmnAwareTests.job(application));
    assertThat(application).isEnded().hasPassed("citySelected").variables()
        .containsEntry("exceptionJustification", justification);
  }

  @Test
  void reminderFiresAtItsDateAndRaisesThePlanTask() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    Job reminder = timer(application, "planPhaseReminder");
    // deadlineReminder: 7 days before Feb 27, at the start of that day in Beijing
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 2, 20, 0, 0));
    assertThat(reminder.getDuedate().toInstant().toString()).isEqualTo("2027-02-19T16:00:00Z");
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(application.getId())
        .executable().count()).isZero();
    assertThat(task(application).getPriority()).isEqualTo(Task.PRIORITY_NORMAL);

    ClockUtil.setCurrentTime(beijing(2027, 2, 20, 0, 0));
    processEngine.getManagementService().executeJob(reminder.getId());

    assertThat(application).hasPassed("remindPlanPhase", "planPhaseReminded").isWaitingAt("writePilotPlan");
    Task write = task(application);
    assertThat(write.getPriority()).isEqualTo(80);
    assertThat(taskService().getTaskComments(write.getId())).singleElement()
        .satisfies(c -> assertThat(c.getFullMessage()).contains("到期提醒").contains("2027年2月27日"));
    // the deadline is still ahead
    assertThat(timer(application, "applicationDeadlinePassed").getDuedate())
        .isEqualTo(deadlines.endOfDay(APPLICATION_DUE));
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void badStartRequestIsRefusedWithEveryProblemAndCreatesNothing() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("programYear", "明年");
    bad.put("fundingLevel", "LOCAL");
    assertRefused(() -> apply("lnShenyang", bad))
        .hasMessageContaining("试点类别：请选择中央财政试点、省级试点之一（收到“LOCAL”）")
        .hasMessageContaining("申报主体类型：请选择地级市（含自治州、盟）")
        .hasMessageContaining("年度：请填写四位数年份，如2027（收到“明年”）");
    assertThat(applications()).isZero();

    Map<String, Object> textYear = new HashMap<>(request("PREFECTURE_CITY"));
    textYear.put("programYear", "2027");
    ProcessInstance application = apply("lnShenyang", textYear);
    assertThat(application).variables().containsEntry("programYear", 2027);
  }

  @Test
  void noRunningSelectionMeansNoApplication() {
    Map<String, Object> provincial = new HashMap<>(request("PREFECTURE_CITY"));
    provincial.put("fundingLevel", "PROVINCIAL");
    assertRefused(() -> apply("lnShenyang", provincial))
        .hasMessageContaining("辽宁省2027年度（省级试点）试点城市遴选未在进行中（遴选编号2027-PROVINCIAL-210000），不能申报");

    Map<String, Object> otherYear = new HashMap<>(request("PREFECTURE_CITY"));
    otherYear.put("programYear", 2028);
    assertRefused(() -> apply("lnShenyang", otherYear)).hasMessageContaining("遴选编号2028-CENTRAL-210000");
    assertThat(applications()).isZero();
  }

  @Test
  void onlyAnOfficialOfExactlyOneCityMayApply() {
    assertRefused(() -> apply("lnFinance", request("PREFECTURE_CITY")))
        .hasMessageContaining("您的账号未关联到一个城市（用户 lnFinance 须属于且只属于一个城市用户组，现属于0个）");
    assertRefused(() -> apply("lnTwoCities", request("PREFECTURE_CITY")))
        .hasMessageContaining("现属于2个");
    selectionRunning();
    assertRefused(() -> runtime().startProcessInstanceByKey("cityApplication", request("PREFECTURE_CITY")))
        .hasMessageContaining("您的账号未关联到一个城市：试点城市申报须由城市财政部门的工作人员登录后发起");
    assertThat(applications()).isZero();
  }

  @Test
  void badPlanIsRefusedWithEveryProblemAndNothingIsLost() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    Task write = task(application);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<SpinJsonNode> catalogue = targets(application).elements();
    for (int i = 0; i < catalogue.size() - 1; i++) {   // the last indicator is left out
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", catalogue.get(i).prop("code").stringValue());
      row.put("baseline", i == 0 ? "很多" : 10);
      row.put("target", i == 1 ? (Object) (-5) : (i == 2 ? null : (Object) 12));
      rows.add(row);
    }
    rows.add(Map.of("code", "madeUpIndicator", "baseline", 1, "target", 2));
    rows.add(Map.of("baseline", 1, "target", 2));
    rows.add(new LinkedHashMap<>(rows.get(3)));
    Map<String, Object> bad = new HashMap<>();
    bad.put("implementationPlan", " ");
    bad.put("detailedTasks", "x".repeat(10001));
    bad.put("plannedAwardUse", "风险补偿");
    bad.put("indicatorTargets", rows);
    String firstName = catalogue.get(0).prop("name").stringValue();
    String secondName = catalogue.get(1).prop("name").stringValue();
    String thirdName = catalogue.get(2).prop("name").stringValue();
    String lastName = catalogue.get(catalogue.size() - 1).prop("name").stringValue();
    String fourthName = catalogue.get(3).prop("name").stringValue();

    assertRefused(() -> taskService().complete(write.getId(), bad))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("实施方案：必须填写")
        .hasMessageContaining("细化任务：不能超过10000个字符（现为10001个）")
        .hasMessageContaining("方案概述：必须填写")
        .hasMessageContaining("绩效目标“" + firstName + "”：上年实际值“很多”不是数字")
        .hasMessageContaining("绩效目标“" + secondName + "”：目标值必须大于0（收到-5）")
        .hasMessageContaining("绩效目标“" + thirdName + "”：目标值必须填写")
        .hasMessageContaining("指标代码“madeUpIndicator”不在指标目录中，不能增加指标")
        .hasMessageContaining("项：缺少指标代码")
        .hasMessageContaining("绩效目标“" + fourthName + "”：重复填写")
        .hasMessageContaining("绩效目标：缺少指标“" + lastName + "”");
    assertRefused(() -> taskService().complete(write.getId(), Map.of("implementationPlan", "方案")))
        .hasMessageContaining("绩效目标“" + firstName + "”：上年实际值必须填写");

    // nothing of the refused attempts was kept
    assertThat(application).isWaitingAt("writePilotPlan").variables()
        .containsEntry("applicationStatus", "REGISTERED").containsEntry("planSubmitted", false)
        .doesNotContainKey("implementationPlan").doesNotContainKey("submittedAt");
    assertThat(targets(application).elements().get(0).prop("baseline").isNull()).isTrue();
    assertThat(task(application).getId()).isEqualTo(write.getId());

    assertRefused(() -> taskService().complete(write.getId(), Map.of("indicatorTargets", "不是列表")))
        .hasMessageContaining("绩效目标：必须逐项填写指标目录中每一项指标的上年实际值和目标值");
  }

  @Test
  void acceptanceNeedsADecision() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    submitPlan(application);
    assertRefused(() -> taskService().complete(task(application).getId()))
        .hasMessageContaining("决定：请选择受理、退回修改之一（收到“”）");
    assertThat(application).isWaitingAt("acceptPilotPlan").variables().containsEntry("applicationStatus", "SUBMITTED");
  }

  @Test
  void eachCitysApplicationGoesToThatCityOnly() {
    ProcessInstance shenyang = apply("lnShenyang", request("PREFECTURE_CITY"));
    ProcessInstance anshan = apply("lnAnshan", request("PREFECTURE_CITY"));

    // the plan task is the initiator's, visible to its own city group only (real isolation: tenants and
    // task authorizations, tested in the application)
    assertThat(task(shenyang)).isAssignedTo("lnShenyang").hasCandidateGroupAssociated("city210100");
    assertThat(task(anshan)).isAssignedTo("lnAnshan").hasCandidateGroupAssociated("city210300");
    assertThat(taskService().createTaskQuery().taskCandidateGroup("city210300").includeAssignedTasks().list())
        .extracting(Task::getProcessInstanceId).containsExactly(anshan.getId());
    assertThat(taskService().createTaskQuery().taskCandidateUser("lnAnshan").includeAssignedTasks().list())
        .extracting(Task::getProcessInstanceId).doesNotContain(shenyang.getId());
    assertThat(taskService().createTaskQuery().taskCandidateGroup("cityFinance").count()).isZero();
  }

  @Test
  void planFromRestCallersMayStillArriveAsJsonRows() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    StringBuilder json = new StringBuilder("[");
    for (SpinJsonNode row : targets(application).elements()) {
      // only code and the two numbers: names, points and units are taken from the catalogue snapshot
      json.append(json.length() > 1 ? "," : "").append("{\"code\":\"").append(row.prop("code").stringValue())
          .append("\",\"baseline\":3.5,\"target\":4.25}");
    }
    Map<String, Object> plan = new HashMap<>(texts());
    plan.put("indicatorTargets", SpinValues.jsonValue(json.append("]").toString()).create());
    BpmnAwareTests.complete(task(application), plan);

    SpinJsonNode kept = targets(application).elements().get(0);
    assertThat(kept.prop("name").stringValue()).isNotBlank();
    assertThat(kept.prop("points").numberValue().doubleValue()).isPositive();
    assertThat(kept.prop("baseline").numberValue().doubleValue()).isEqualTo(3.5);
    assertThat(kept.prop("target").numberValue().doubleValue()).isEqualTo(4.25);
    assertThat(application).isWaitingAt("acceptPilotPlan").variables().containsEntry("applicationStatus", "SUBMITTED");

    // Java callers: a list of maps, the form's way of naming rows included
    ProcessInstance anshan = apply("lnAnshan", request("PREFECTURE_CITY"));
    BpmnAwareTests.complete(task(anshan), rowsPlan(anshan));
    assertThat(targets(anshan).elements()).allSatisfy(row ->
        assertThat(row.prop("target").numberValue().intValue()).isEqualTo(120));
  }

  @Test
  void missingOrNegativeTargetInTheFormIsRefusedNamingTheIndicator() {
    ProcessInstance application = apply("lnShenyang", request("PREFECTURE_CITY"));
    Task write = task(application);
    List<SpinJsonNode> catalogue = targets(application).elements();
    Map<String, Object> bad = new HashMap<>(plan(application));
    bad.put("target_1", -5L);
    bad.remove("target_2");
    bad.put("baseline_3", "很多");

    assertRefused(() -> taskService().complete(write.getId(), bad))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("绩效目标“" + catalogue.get(0).prop("name").stringValue() + "”：目标值必须大于0（收到-5）")
        .hasMessageContaining("绩效目标“" + catalogue.get(1).prop("name").stringValue() + "”：目标值必须填写")
        .hasMessageContaining("绩效目标“" + catalogue.get(2).prop("name").stringValue() + "”：上年实际值“很多”不是数字");
    assertThat(application).isWaitingAt("writePilotPlan").variables()
        .containsEntry("applicationStatus", "REGISTERED").doesNotContainKey("target_1");

    // a target of 0 could never be scored (every scoring rule divides by it)
    Map<String, Object> zero = new HashMap<>(bad);
    zero.put("target_1", 0);
    zero.put("target_2", "7.5");
    zero.put("baseline_3", 3.25);
    assertRefused(() -> taskService().complete(write.getId(), zero))
        .hasMessageContaining("目标值必须大于0（收到0）");

    Map<String, Object> fixed = new HashMap<>(zero);
    fixed.put("target_1", 0.5);
    BpmnAwareTests.complete(write, fixed);
    List<SpinJsonNode> rows = targets(application).elements();
    assertThat(rows.get(0).prop("target").numberValue().doubleValue()).isEqualTo(0.5);
    assertThat(rows.get(1).prop("target").numberValue().doubleValue()).isEqualTo(7.5);
    assertThat(rows.get(2).prop("baseline").numberValue().doubleValue()).isEqualTo(3.25);
    assertThat(rows.get(2).prop("name").stringValue()).isEqualTo(catalogue.get(2).prop("name").stringValue());
  }

  @Test
  void planFormHasNumberedFieldsForEveryIndicatorAndNoEditableDynamicList() throws Exception {
    int indicators = new IndicatorCatalogue().load(resource("processes/indicatorCatalogue.dmn"),
        resource("processes/performanceScore.dmn")).indicators().size();
    JsonNode plan = form("writePilotPlan");
    List<String> keys = plan.findValuesAsText("key");
    for (int n = 1; n <= indicators; n++) {
      assertThat(keys).as("numbered fields for indicator %d", n).contains("baseline_" + n, "target_" + n);
    }
    assertThat(keys.stream().filter(k -> k.startsWith("target_")).count()).isEqualTo(IndicatorTargets.SLOTS);
    assertThat(form("acceptPilotPlan").findValuesAsText("dataSource")).contains("=indicatorTargets");
  }

  // ------------------------------------------------------------------ helpers

  /** The province's running selection for 2027 (the deployment exists only once the test runs). */
  private void selectionRunning() {
    if (runtime().createProcessInstanceQuery().processDefinitionKey("pilotSelection").count() == 0) {
      runtime().startProcessInstanceByKey("pilotSelection", "2027-CENTRAL-210000", Map.of(
          "applicantUnitCode", "210000", "schemeDue", "2027-01-31", "applicationDue", APPLICATION_DUE,
          "submissionDue", "2027-03-31"));
    }
  }

  private ProcessInstance apply(String user, Map<String, Object> variables) {
    selectionRunning();
    List<String> groups = identity().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity().setAuthentication(user, groups, List.of("210000"));
    try {
      return runtime().startProcessInstanceByKey("cityApplication", variables);
    } finally {
      identity().clearAuthentication();
    }
  }

  private ProcessInstance eligibleApplication(String user, String applicantType) {
    ProcessInstance application = apply(user, request(applicantType));
    submitPlan(application);
    BpmnAwareTests.complete(task(application), withVariables("planDecision", "ACCEPT"));
    assertThat(application).isWaitingAt("awaitSelectionOutcome");
    return application;
  }

  private static Map<String, Object> request(String applicantType) {
    Map<String, Object> request = new HashMap<>();
    request.put("programYear", 2027);
    request.put("fundingLevel", "CENTRAL");
    request.put("applicantType", applicantType);
    return request;
  }

  private void submitPlan(ProcessInstance application) {
    BpmnAwareTests.complete(task(application), plan(application));
  }

  /**
   * A complete plan as Tasklist submits it: texts and, in the numbered fields of every indicator of the
   * instance's list, baseline 100 and target 120 (form-js number fields send whole numbers as Long).
   */
  private Map<String, Object> plan(ProcessInstance application) {
    Map<String, Object> plan = texts();
    int indicators = targets(application).elements().size();
    for (int n = 1; n <= indicators; n++) {
      plan.put("baseline_" + n, 100L);
      plan.put("target_" + n, 120L);
    }
    return plan;
  }

  private static Map<String, Object> texts() {
    Map<String, Object> plan = new HashMap<>();
    plan.put("implementationPlan", "一、总体思路……二、主要措施……三、组织保障……");
    plan.put("detailedTasks", "1. 设立首贷服务中心\n2. 扩大信用贷款");
    plan.put("plannedAwardUse", "2000万元补充市融资担保公司资本金，1000万元设立信贷风险补偿资金池。");
    plan.put("planSummary", "以首贷、信用贷和政府性融资担保为重点");
    return plan;
  }

  /** The same plan as a REST or Java caller may send it: indicatorTargets rows. */
  private Map<String, Object> rowsPlan(ProcessInstance application) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SpinJsonNode row : targets(application).elements()) {
      Map<String, Object> filled = new LinkedHashMap<>();
      filled.put("code", row.prop("code").stringValue());
      filled.put("name", row.prop("name").stringValue());
      filled.put("baseline", 100);
      filled.put("target", 120);
      rows.add(filled);
    }
    Map<String, Object> plan = texts();
    plan.put("indicatorTargets", rows);
    return plan;
  }

  private static JsonNode form(String id) throws Exception {
    return JSON.readTree(resource("forms/" + id + ".form"));
  }

  private static InputStream resource(String name) {
    return CityApplicationProcessTest.class.getClassLoader().getResourceAsStream(name);
  }

  private SpinJsonNode targets(ProcessInstance application) {
    return (SpinJsonNode) runtime().getVariable(application.getId(), "indicatorTargets");
  }

  private void correlateOutcome(String businessKey, boolean selected, Integer rank, Long award) {
    runtime().createMessageCorrelation("pilotSelectionOutcome").processInstanceBusinessKey(businessKey)
        .setVariable("selected", selected)
        .setVariable("selectionRank", rank)
        .setVariable("awardAmount", award)
        .correlate();
  }

  private Job timer(ProcessInstance application, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(application.getId())
        .activityId(activityId).singleResult();
  }

  private String formKey(Task task) {
    return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
  }

  private long applications() {
    return runtime().createProcessInstanceQuery().processDefinitionKey("cityApplication").count();
  }

  private void group(String id, String name) {
    Group group = identity().newGroup(id);
    group.setName(name);
    identity().saveGroup(group);
    createdGroups.add(id);
  }

  private void user(String id, String... groups) {
    User user = identity().newUser(id);
    user.setFirstName(id);
    identity().saveUser(user);
    createdUsers.add(id);
    for (String group : groups) {
      identity().createMembership(id, group);
    }
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private IdentityService identity() {
    return processEngine.getIdentityService();
  }

  private RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  private TaskService taskService() {
    return processEngine.getTaskService();
  }
}
