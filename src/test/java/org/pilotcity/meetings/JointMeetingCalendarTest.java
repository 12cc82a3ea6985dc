package org.pilotcity.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.pilotcity.support.ProcessTests.beijing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.RecordApplicantUnit;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.NoMatchingRuleException;

/**
 * The meeting calendar (联席会议日程): one instance for the program, started at application start, calls a
 * regular meeting of every applicant unit at 09:00 Beijing on the first day of each period of the table
 * jointMeetingCycle, and reads the table again for the next period. Every row of the table is hit here.
 * The meetings themselves are JointMeetingProcessTest's: their model is left out of this class's coverage.
 */
@org.camunda.bpm.engine.test.Deployment(resources = {"processes/jointMeetingCalendar.bpmn",
    "processes/jointMeetingCycle.dmn", "processes/jointMeeting.bpmn", "forms/conveneJointMeeting.form",
    "forms/conveneRegularMeeting.form", "processes/deadlineReminder.dmn"})
class JointMeetingCalendarTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .excludeProcessDefinitionKeys("jointMeeting").assertClassCoverageAtLeast(0.9).build();

  static final RowCoverage ROWS = new RowCoverage("jointMeetingCycle");
  static final Organization ORGANIZATION = new Organization();

  ProcessEngine processEngine;
  JointMeetingCalendarStarter starter;
  final List<String> extraDeployments = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ROWS.install(processEngine);
    Mocks.register("deadlines", new Deadlines());
    Mocks.register("meetingPeriods", new MeetingPeriods());
    Mocks.register("scheduleNextMeetingPeriod", new ScheduleNextMeetingPeriod());
    Mocks.register("startRegularMeetings", new StartRegularMeetings(ORGANIZATION));
    Mocks.register("validateRegularMeetingStart", new ValidateRegularMeetingStart());
    Mocks.register("validateMeetingRequest", new ValidateMeetingRequest(ORGANIZATION));
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(ORGANIZATION));
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
    starter = new JointMeetingCalendarStarter(processEngine);
  }

  @AfterEach
  void tearDown() {
    extraDeployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    ROWS.testFinished();
  }

  @AfterAll
  static void everyRowOfTheCycleTableWasHit() {
    ROWS.assertComplete(JointMeetingCalendarTest.class);
  }

  @Test
  void nextQuarterCallsOneRegularMeetingPerUnitDueFifteenDaysLaterAndTheCalendarWaitsForTheNext() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance calendar = started();
    assertThat(calendar.getTenantId()).isNull();
    BpmnAwareTests.assertThat(calendar).isWaitingAt("awaitNextPeriod").variables()
        .containsEntry("cycleMonths", 3).containsEntry("conveneDays", 15)
        .containsEntry("nextPeriodStart", "2027-04-01").containsEntry("nextPeriodName", "2027年第二季度")
        .doesNotContainKey("meetingCycle");

    Job quarter = timer(calendar);
    assertThat(quarter.getDuedate().toInstant().toString()).isEqualTo("2027-04-01T01:00:00Z");
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 8, 59));
    assertThat(management().createJobQuery().jobId(quarter.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 9, 0));
    management().executeJob(quarter.getId());

    List<ProcessInstance> meetings = runtime().createProcessInstanceQuery().processDefinitionKey("jointMeeting").list();
    assertThat(meetings).hasSize(36);
    assertThat(meetings).extracting(ProcessInstance::getTenantId)
        .containsExactlyInAnyOrderElementsOf(ORGANIZATION.units().stream().map(ApplicantUnit::code).toList());
    assertThat(meetings).allSatisfy(m -> {
      BpmnAwareTests.assertThat(m).isWaitingAt("conveneRegularMeeting");
      assertThat(m.getBusinessKey()).isEqualTo("2027-04-01-" + m.getTenantId());
    });
    List<Task> convening = tasks().createTaskQuery().processDefinitionKey("jointMeeting")
        .taskDefinitionKey("conveneRegularMeeting").list();
    assertThat(convening).hasSize(36).allSatisfy(t -> {
      // conveneDays (15) after the period's first day, to the end of that day in Beijing
      assertThat(t.getDueDate().toInstant().toString()).isEqualTo("2027-04-16T15:59:59Z");
      assertThat(t.getTenantId()).isNotNull();
    });
    Task liaoning = convening.stream().filter(t -> "210000".equals(t.getTenantId())).findFirst().orElseThrow();
    assertThat(liaoning.getDescription()).startsWith("辽宁省定期联席会议“2027年第二季度联席会议”：省级财政部门于2027-04-16（北京时间当日24时）前");
    assertThat(runtime().getVariables(liaoning.getProcessInstanceId())).containsEntry("meetingKind", "REGULAR")
        .containsEntry("meetingPeriod", "2027-04-01").containsEntry("meetingPeriodName", "2027年第二季度")
        .containsEntry("conveneDue", "2027-04-16").containsEntry("applicantUnitName", "辽宁省")
        .containsEntry("applicantUnitCode", "210000");

    // the calendar reads the table again and waits for the third quarter
    BpmnAwareTests.assertThat(calendar).hasPassed("startRegularMeetings").isWaitingAt("determineMeetingCycle")
        .variables().containsEntry("meetingsStarted", 36);
    management().executeJob(asyncJob(calendar).getId());
    BpmnAwareTests.assertThat(calendar).isWaitingAt("awaitNextPeriod").variables()
        .containsEntry("nextPeriodStart", "2027-07-01").containsEntry("nextPeriodName", "2027年第三季度");
    assertThat(timer(calendar).getDuedate().toInstant().toString()).isEqualTo("2027-07-01T01:00:00Z");
  }

  @Test
  void aTimerRunByHandInCockpitMakesNoOfficialTheHolderOfEveryMeeting() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance calendar = started();
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 9, 30));
    processEngine.getIdentityService().setAuthentication("mofUser", List.of("mof"), List.of("mof"));
    try {
      management().executeJob(timer(calendar).getId());
      // the official who ran the job is still logged in afterwards
      assertThat(processEngine.getIdentityService().getCurrentAuthentication().getUserId()).isEqualTo("mofUser");
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
    List<ProcessInstance> meetings = runtime().createProcessInstanceQuery().processDefinitionKey("jointMeeting").list();
    assertThat(meetings).hasSize(36).allSatisfy(m ->
        assertThat(runtime().getVariable(m.getId(), "initiator")).isNull());
  }

  @Test
  void aChangedCycleTakesEffectFromTheNextPeriod() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance calendar = started();
    // the policy owner changes the table while the calendar waits: meetings once a year from now on
    deploy("jointMeetingCycle.dmn", resource("processes/jointMeetingCycle.dmn")
        .replace("<outputEntry id=\"rule_laterYears_cycleMonths\">\n          <text>3</text>",
            "<outputEntry id=\"rule_laterYears_cycleMonths\">\n          <text>12</text>"));

    // the period already fixed keeps its date
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 9, 0));
    management().executeJob(timer(calendar).getId());
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("jointMeeting").count()).isEqualTo(36);
    management().executeJob(asyncJob(calendar).getId());

    BpmnAwareTests.assertThat(calendar).isWaitingAt("awaitNextPeriod").variables().containsEntry("cycleMonths", 12)
        .containsEntry("nextPeriodStart", "2028-01-01").containsEntry("nextPeriodName", "2028年度");
    assertThat(timer(calendar).getDuedate().toInstant().toString()).isEqualTo("2028-01-01T01:00:00Z");
  }

  @Test
  void inThePilotTermTheCalendarUsesThePilotTermRowAndCrossesTheYear() {
    ClockUtil.setCurrentTime(beijing(2020, 11, 20, 9, 30));
    ProcessInstance calendar = started();
    BpmnAwareTests.assertThat(calendar).isWaitingAt("awaitNextPeriod").variables()
        .containsEntry("nextPeriodStart", "2021-01-01").containsEntry("nextPeriodName", "2021年第一季度");
    assertThat(timer(calendar).getDuedate().toInstant().toString()).isEqualTo("2021-01-01T01:00:00Z");
  }

  @Test
  void aLateCallGivesFullPreparationTimeAndStartsNoUnitTwice() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance calendar = started();
    // Liaoning's meeting of the period exists already (e.g. a first attempt)
    runtime().startProcessInstanceByMessage("regularJointMeetingDue", "2027-04-01-210000", Map.of(
        "applicantUnitCode", "210000", "meetingKind", "REGULAR", "meetingPeriod", "2027-04-01",
        "meetingPeriodName", "2027年第二季度", "meetingTopic", "2027年第二季度联席会议", "conveneDue", "2027-04-16"));

    // the server was down over the period's start: the timer fires on 2027-04-05
    ClockUtil.setCurrentTime(beijing(2027, 4, 5, 14, 0));
    management().executeJob(timer(calendar).getId());

    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("jointMeeting").count()).isEqualTo(36);
    assertThat(runtime().createProcessInstanceQuery().processInstanceBusinessKey("2027-04-01-210000").count())
        .isEqualTo(1);
    BpmnAwareTests.assertThat(calendar).variables().containsEntry("meetingsStarted", 35);
    Task shaanxi = tasks().createTaskQuery().tenantIdIn("610000").singleResult();
    assertThat(shaanxi.getDueDate().toInstant().toString()).isEqualTo("2027-04-20T15:59:59Z");
  }

  @Test
  void aYearTheTableDoesNotCoverStopsTheCalendarWithAMessageNamingTheTable() {
    ClockUtil.setCurrentTime(beijing(2018, 6, 1, 10, 0));
    ProcessInstance calendar = starter.ensureRunning();
    Throwable failure = catchThrowable(() -> management().executeJob(asyncJob(calendar).getId()));
    assertThat(failure).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“联席会议周期”(jointMeetingCycle)没有匹配的规则：calendarYear=2018");
    BpmnAwareTests.assertThat(calendar).isWaitingAt("determineMeetingCycle");
  }

  @Test
  void aCycleThatDoesNotCutTheYearEvenlyIsRefused() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    deploy("jointMeetingCycle.dmn", resource("processes/jointMeetingCycle.dmn")
        .replace("<outputEntry id=\"rule_laterYears_cycleMonths\">\n          <text>3</text>",
            "<outputEntry id=\"rule_laterYears_cycleMonths\">\n          <text>5</text>"));
    ProcessInstance calendar = starter.ensureRunning();
    Throwable failure = catchThrowable(() -> management().executeJob(asyncJob(calendar).getId()));
    assertThat(failure).hasMessageContaining("周期月数须为1、2、3、4、6或12（收到5）");
    assertThat(MeetingPeriods.name(LocalDate.of(2027, 7, 1), 6)).isEqualTo("2027年下半年");
    assertThat(MeetingPeriods.name(LocalDate.of(2027, 1, 1), 6)).isEqualTo("2027年上半年");
    assertThat(MeetingPeriods.name(LocalDate.of(2027, 5, 1), 1)).isEqualTo("2027年5月");
    assertThat(MeetingPeriods.name(LocalDate.of(2027, 5, 1), 4)).isEqualTo("2027年5—8月");
  }

  @Test
  void startingTheApplicationAgainKeepsOneCalendarAndANewVersionTakesOver() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance first = starter.ensureRunning();
    // a restart: the same instance, nothing new
    assertThat(starter.ensureRunning().getId()).isEqualTo(first.getId());
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("jointMeetingCalendar").count()).isOne();

    // a new version deployed while the first has not yet run its first step (an incident, say): it is removed
    deploy("jointMeetingCalendar.bpmn", resource("processes/jointMeetingCalendar.bpmn"));
    ProcessInstance second = starter.ensureRunning();
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(first.getId())
        .singleResult().getDeleteReason()).contains("由新版本的联席会议日程接替");
    management().executeJob(asyncJob(second).getId());
    BpmnAwareTests.assertThat(second).isWaitingAt("awaitNextPeriod");

    // another version while it waits for its period: it hands over and ends, the new one fixes the same period
    deploy("jointMeetingCalendar.bpmn", resource("processes/jointMeetingCalendar.bpmn"));
    ProcessInstance third = starter.ensureRunning();
    BpmnAwareTests.assertThat(second).isEnded().hasPassed("calendarSuperseded", "calendarEnded")
        .hasNotPassed("startRegularMeetings");
    management().executeJob(asyncJob(third).getId());
    BpmnAwareTests.assertThat(third).isWaitingAt("awaitNextPeriod").variables().containsEntry("nextPeriodStart", "2027-04-01");
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("jointMeetingCalendar").list())
        .extracting(ProcessInstance::getId).containsExactly(third.getId());
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("jointMeeting").count()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  /** The calendar as the application starts it, after its first step has run. */
  private ProcessInstance started() {
    ProcessInstance calendar = starter.ensureRunning();
    BpmnAwareTests.assertThat(calendar).isWaitingAt("determineMeetingCycle");
    management().executeJob(asyncJob(calendar).getId());
    return calendar;
  }

  private Job timer(ProcessInstance calendar) {
    return management().createJobQuery().processInstanceId(calendar.getId()).timers().singleResult();
  }

  private Job asyncJob(ProcessInstance calendar) {
    return management().createJobQuery().processInstanceId(calendar.getId()).messages().singleResult();
  }

  private void deploy(String name, String content) {
    Deployment deployment = processEngine.getRepositoryService().createDeployment().name("test " + name)
        .addString(name, content).deploy();
    extraDeployments.add(deployment.getId());
  }

  private static String resource(String path) {
    try (InputStream in = JointMeetingCalendarTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TaskService tasks() {
    return processEngine.getTaskService();
  }

  private RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  private ManagementService management() {
    return processEngine.getManagementService();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  /**
   * Which rows of a decision table the tests hit, and whether one evaluation matched none; checked when
   * every test of the class ran (as rules.RuleCoverage does for the rule tables).
   */
  static final class RowCoverage implements DmnDecisionTableEvaluationListener {

    private final String decisionKey;
    private final Set<String> hit = ConcurrentHashMap.newKeySet();
    private volatile boolean noMatch;
    private volatile int finished;
    private List<DmnDecisionTableEvaluationListener> installedIn;

    RowCoverage(String decisionKey) {
      this.decisionKey = decisionKey;
    }

    void install(ProcessEngine engine) {
      if (installedIn == null) {
        installedIn = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDmnEngineConfiguration().getDecisionTableEvaluationListeners();
        installedIn.add(0, this);
      }
    }

    @Override
    public void notify(DmnDecisionTableEvaluationEvent event) {
      if (decisionKey.equals(event.getDecisionTable().getKey())) {
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(hit::add);
        noMatch |= event.getMatchingRules().isEmpty();
      }
    }

    void testFinished() {
      finished++;
    }

    void assertComplete(Class<?> testClass) {
      try {
        long declared = Arrays.stream(testClass.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (finished < declared) {
          return; // a single test ran: not a coverage failure
        }
        Set<String> rows = Dmn.readModelFromStream(
                testClass.getClassLoader().getResourceAsStream("processes/" + decisionKey + ".dmn"))
            .getModelElementsByType(Rule.class).stream().map(Rule::getId).collect(Collectors.toSet());
        assertThat(hit).as("rows of %s hit by the tests", decisionKey).containsAll(rows);
        assertThat(noMatch).as("%s evaluated once with no matching row", decisionKey).isTrue();
      } finally {
        installedIn.remove(this);
        installedIn = null;
      }
    }
  }
}
