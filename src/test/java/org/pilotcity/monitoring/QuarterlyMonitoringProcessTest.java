package org.pilotcity.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.calendar.ValidateOverdueNote;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.Indicator;
import org.pilotcity.rules.IndicatorCatalogue;
import org.pilotcity.rules.NoMatchingRuleException;
import org.pilotcity.support.MoneyRecords;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of the quarterly monitoring (季度动态监测), driven through the engine with the real listeners and
 * delegates, the real decision tables (every row of monitoringSchedule and monitoringLag is hit) and the
 * monitoring table on the test database.
 */
@Deployment(resources = {"processes/quarterlyMonitoring.bpmn", "forms/reportMonitoringValues.form",
    "forms/respondToLaggingPilot.form", "forms/acknowledgeOverdue.form", "processes/monitoringSchedule.dmn",
    "processes/monitoringLag.dmn", "processes/indicatorCatalogue.dmn", "processes/performanceScore.dmn",
    "processes/deadlineReminder.dmn"})
class QuarterlyMonitoringProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  static final String PILOT = "2027-CENTRAL-210100";
  static final ObjectMapper JSON = new ObjectMapper();
  static final TableRows TABLES = new TableRows("monitoringSchedule", "monitoringLag");

  ProcessEngine processEngine;
  final Deadlines deadlines = new Deadlines();
  MonitoringRecords records;
  List<Indicator> catalogue;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(beijing(2027, 7, 1, 0, 10));
    records = new MonitoringRecords(MoneyRecords.dataSource());
    jdbc().update("delete from pc_monitoring_value");
    MonitoringSchedule schedule = new MonitoringSchedule();
    Mocks.register("deadlines", deadlines);
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    Mocks.register("prepareQuarterlyMonitoring", new PrepareQuarterlyMonitoring(schedule, new Organization()));
    Mocks.register("recordMonitoringValues", new RecordMonitoringValues(records));
    Mocks.register("computeMonitoringProgress", new ComputeMonitoringProgress(records));
    Mocks.register("recordMonitoringLag", new RecordMonitoringLag());
    Mocks.register("validateLagResponse", new ValidateLagResponse());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
    TABLES.install(processEngine);
    catalogue = new IndicatorCatalogue().load(resource("processes/indicatorCatalogue.dmn"),
        resource("processes/performanceScore.dmn")).indicators();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
    TABLES.testFinished();
  }

  @AfterAll
  static void everyRowOfTheNewTablesWasHit() {
    TABLES.assertComplete(QuarterlyMonitoringProcessTest.class);
  }

  // ------------------------------------------------------------------ paths

  @Test
  void aHealthyPilotReportsItsValuesAndNoWarningIsRaised() {
    ProcessInstance monitoring = start(2);

    assertThat(monitoring.getBusinessKey()).isEqualTo(PILOT + "-Q2");
    assertThat(monitoring.getTenantId()).isEqualTo("210000");
    assertThat(monitoring).isWaitingAt("reportMonitoringValues").variables()
        .containsEntry("quarterEnd", "2027-06-30").containsEntry("reportDue", "2027-07-15")
        .containsEntry("warningDue", "2027-07-30").containsEntry("quarterName", "第二季度")
        .containsEntry("responseDays", 15);
    // one task per responsible department, each due on the report day
    List<Task> tasks = reportTasks(monitoring);
    assertThat(tasks).extracting(t -> department(t)).containsExactlyElementsOf(departments());
    assertThat(tasks).hasSize(6);
    for (Task task : tasks) {
      assertThat(task).hasCandidateGroupAssociated(department(task));
      assertThat(task.getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-15"));
      assertThat(task.getDueDate().toInstant().toString()).isEqualTo("2027-07-15T15:59:59Z");
      assertThat(task.getTenantId()).isEqualTo("210000");
      assertThat(formKey(task)).isEqualTo("reportMonitoringValues");
      assertThat(task.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度第二季度动态监测：本部门于2027-07-15（北京时间当日24时）前"
          + "报送所负责各项指标截至2027-06-30的当前值（每个负责部门一项任务，并行）。增速类指标可以为负数，其他指标不能为负数，最多保留4位小数。");
    }
    // the form's rows: the plan's rows in its order, each with its department
    ArrayNode indicators = rows(monitoring, "monitoringIndicators");
    assertThat(indicators).hasSize(catalogue.size());
    JsonNode first = indicators.get(0);
    assertThat(first.path("slot").asInt()).isEqualTo(1);
    assertThat(first.path("code").asText()).isEqualTo(catalogue.get(0).code());
    assertThat(first.path("department").asText()).isEqualTo("cbircOffice");
    assertThat(first.path("departmentName").asText()).isEqualTo("银保监部门");
    assertThat(first.path("baseline").decimalValue()).isEqualByComparingTo("80");
    assertThat(first.path("target").decimalValue()).isEqualByComparingTo("100");

    reportAll(monitoring, i -> at(i, "0.75", "0.5"));

    assertThat(monitoring).isEnded().hasPassed("computeMonitoringProgress", "determineMonitoringLag", "pilotOnTrack")
        .hasNotPassed("respondToLaggingPilot");
    // 84 points at 0.75 and the three rates (16 points) at 0.5
    assertThat(historic(monitoring, "monitoringProgress")).isEqualTo(0.71);
    assertThat(historic(monitoring, "monitoringProgressText")).isEqualTo("71.0%");
    assertThat(historic(monitoring, "monitoringWarning")).isEqualTo(false);
    assertThat(historic(monitoring, "lagReason")).isEqualTo("年中（第二季度末）进度不低于计划进度（全年改进幅度的50%）的一半");
    assertThat(historicRows(monitoring, "laggingIndicators")).isEmpty();
    assertThat(historicRows(monitoring, "monitoringRows")).hasSize(catalogue.size());

    // stored: one row per indicator, by the department responsible for it, under its task
    List<MonitoringRecords.MonitoringValue> stored = records.quarter(PILOT, 2);
    assertThat(stored).hasSize(catalogue.size());
    MonitoringRecords.MonitoringValue rate = stored.stream().filter(v -> v.indicatorCode().equals("inclusiveLoanRate"))
        .findFirst().orElseThrow();
    assertThat(rate.value()).isEqualByComparingTo("5.5");
    assertThat(rate.department()).isEqualTo("pbocBranch");
    assertThat(rate.reportedBy()).isEqualTo("pbocBranchUser");
    assertThat(rate.programYear()).isEqualTo(2027);
    assertThat(rate.reportedAt()).isEqualTo(beijing(2027, 7, 1, 0, 10).toInstant());
    assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().taskId(rate.sourceId())
        .singleResult().getTaskDefinitionKey()).isEqualTo("reportMonitoringValues");
    // the numbered fields are gone: the table keeps the values
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(monitoring.getId()).variableName("value_1").list())
        .allSatisfy(v -> assertThat(v.getState()).isEqualTo("DELETED"));
  }

  @Test
  void aLaggingPilotRaisesAWarningThatProvincialFinanceAnswersWithItsMeasures() {
    ProcessInstance monitoring = start(2);
    // areas 1–3 at a tenth of the planned improvement, area 4 (10 points) at three quarters: 0.165 < 0.25
    reportAll(monitoring, i -> i.area() == 4 ? at(i, "0.75", "0.75") : at(i, "0.1", "0.1"));

    assertThat(monitoring).hasPassed("determineMonitoringLag").isWaitingAt("respondToLaggingPilot").variables()
        .containsEntry("monitoringWarning", true).containsEntry("monitoringProgress", 0.165)
        .containsEntry("monitoringProgressText", "16.5%").containsEntry("warningDue", "2027-07-30")
        .containsEntry("lagReason", "年中（第二季度末）进度低于计划进度（全年改进幅度的50%）的一半")
        .doesNotContainKey("lagResult");
    Task warning = task(monitoring, "respondToLaggingPilot");
    assertThat(warning).hasCandidateGroupAssociated("provincialFinance");
    assertThat(warning.getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-30"));
    assertThat(formKey(warning)).isEqualTo("respondToLaggingPilot");
    assertThat(warning.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度第二季度动态监测：试点进度低于计划进度的一半，"
        + "省级财政部门于2027-07-30（北京时间当日24时）前分析滞后原因并写明督促措施。滞后的指标及其当前值见表单。");
    // what the Tasklist filter of the warnings selects
    assertThat(taskService().createTaskQuery().processVariableValueEquals("monitoringWarning", true).list())
        .extracting(Task::getId).containsExactly(warning.getId());
    assertThat(taskService().createTaskQuery().taskDefinitionKey("respondToLaggingPilot").count()).isEqualTo(1);

    // the form lists the lagging indicators with their values; area 4 is on track
    ArrayNode lagging = rows(monitoring, "laggingIndicators");
    assertThat(lagging).hasSize((int) catalogue.stream().filter(i -> i.area() != 4).count());
    assertThat(lagging).noneMatch(row -> row.path("area").asInt() == 4);
    JsonNode rate = row(lagging, "inclusiveLoanRate");
    assertThat(rate.path("value").decimalValue()).isEqualByComparingTo("5.9");
    assertThat(rate.path("baseline").decimalValue()).isEqualByComparingTo("6");
    assertThat(rate.path("target").decimalValue()).isEqualByComparingTo("5");
    assertThat(rate.path("progressText").asText()).isEqualTo("10.0%");
    assertThat(rate.path("departmentName").asText()).isEqualTo("人民银行分支机构");
    assertThat(row(lagging, catalogue.get(0).code()).path("value").decimalValue()).isEqualByComparingTo("82");
    assertThat(row(rows(monitoring, "monitoringRows"), "techSmeIncrement").path("lagging").asBoolean()).isFalse();

    assertRefused(() -> complete(warning, "lnFinance", Map.of("lagCauses", " ")))
        .hasMessageContaining("滞后原因：必须填写").hasMessageContaining("督促措施：必须填写");
    assertRefused(() -> complete(warning, "lnFinance", Map.of("lagCauses", "担保机构增资未到位。",
        "supervisionMeasures", "约".repeat(2001)))).hasMessageContaining("督促措施：不能超过2000个字符（现为2001个）");
    assertThat(monitoring).isWaitingAt("respondToLaggingPilot");
    complete(warning, "lnFinance", Map.of("lagCauses", "政府性融资担保机构增资未到位，首贷户拓展缓慢。",
        "supervisionMeasures", "约谈沈阳市财政局，要求8月底前完成担保机构增资并按月报送进展。"));

    assertThat(monitoring).isEnded().hasPassed("laggingPilotUrged").hasNotPassed("pilotOnTrack", "remindLagResponse",
        "escalateLateLagResponse");
    assertThat(historic(monitoring, "supervisionMeasures")).isEqualTo("约谈沈阳市财政局，要求8月底前完成担保机构增资并按月报送进展。");
  }

  @Test
  void anUnansweredWarningIsRemindedThenEscalatedToTheMinistryAndStaysWithTheProvince() {
    ProcessInstance monitoring = start(2);
    reportAll(monitoring, i -> i.area() == 4 ? at(i, "0.75", "0.75") : at(i, "0.1", "0.1"));
    Task warning = task(monitoring, "respondToLaggingPilot");
    // the report deadline's timers ended with the reports; the warning has its own
    assertThat(timer(monitoring, "monitoringReminder")).isNull();
    assertThat(timer(monitoring, "monitoringOverdue")).isNull();

    // 5 days before (deadlineReminder, MONITORING) the due day 2027-07-30, start of the day in Beijing
    Job reminder = timer(monitoring, "warningReminder");
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 7, 25, 0, 0));
    ClockUtil.setCurrentTime(beijing(2027, 7, 24, 23, 59));
    assertThat(processEngine.getManagementService().createJobQuery().jobId(reminder.getId()).executable().count())
        .isZero();
    ClockUtil.setCurrentTime(beijing(2027, 7, 25, 0, 0));
    processEngine.getManagementService().executeJob(reminder.getId());
    assertThat(monitoring).hasPassed("remindLagResponse", "lagResponseReminded").isWaitingAt("respondToLaggingPilot");
    assertThat(task(monitoring, warning.getId()).getPriority()).isEqualTo(80);
    assertThat(taskService().getTaskComments(warning.getId())).singleElement().satisfies(c ->
        assertThat(c.getFullMessage()).isEqualTo("到期提醒：“试点进度滞后预警”请于2027年7月30日24时（北京时间）前完成。"));

    // escalated to the ministry once the due day has ended in Beijing
    Job overdue = timer(monitoring, "warningOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(deadlines.afterDeadline("2027-07-30"));
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-07-30T16:00:00Z");
    ClockUtil.setCurrentTime(beijing(2027, 7, 30, 23, 59));
    assertThat(processEngine.getManagementService().createJobQuery().jobId(overdue.getId()).executable().count())
        .isZero();
    ClockUtil.setCurrentTime(beijing(2027, 7, 31, 0, 0));
    processEngine.getManagementService().executeJob(overdue.getId());

    Task escalation = task(monitoring, "escalateLateLagResponse");
    // the ministry supervises the program; provincial finance is the one that is late
    assertThat(escalation).hasCandidateGroupAssociated("mof");
    assertThat(taskService().getIdentityLinksForTask(escalation.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("mof");
    assertThat(escalation.getName()).isEqualTo("逾期督办：滞后预警未按期处理");
    assertThat(escalation.getTenantId()).isEqualTo("210000");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    assertThat(escalation.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度第二季度动态监测的进度滞后预警截至处理期限"
        + "2027-07-30（北京时间当日24时）仍未处理。财政部督促省级财政部门尽快分析滞后原因、落实督促措施并记录督办情况，"
        + "预警任务仍在省级财政部门的待办中。");
    // the warning stays open with provincial finance
    assertThat(task(monitoring, warning.getId())).isNotNull();
    assertThat(task(monitoring, warning.getId())).hasCandidateGroupAssociated("provincialFinance");

    assertRefused(() -> complete(escalation, "mofUser", Map.of())).hasMessageContaining("督办情况：必须填写");
    assertThat(task(monitoring, escalation.getId())).isNotNull();
    complete(escalation, "mofUser", Map.of("overdueNote", "已函告辽宁省财政厅，要求8月5日前报送滞后原因和督促措施。"));
    assertThat(monitoring).hasPassed("lateLagResponseEscalated").isWaitingAt("respondToLaggingPilot");

    // answered late, the warning ends as usual
    ClockUtil.setCurrentTime(beijing(2027, 8, 3, 9, 0));
    complete(warning, "lnFinance", Map.of("lagCauses", "政府性融资担保机构增资未到位。",
        "supervisionMeasures", "约谈沈阳市财政局，要求8月底前完成担保机构增资。"));
    assertThat(monitoring).isEnded().hasPassed("laggingPilotUrged");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(monitoring.getId()).variableName("overdueNote").singleResult().getValue())
        .isEqualTo("已函告辽宁省财政厅，要求8月5日前报送滞后原因和督促措施。");
  }

  @Test
  void eachQuarterIsJudgedAgainstItsShareOfTheYear() {
    // first quarter: 0.15 of the year's improvement is more than half of the planned 0.25, though two
    // indicators at 0.1 lag on their own (they are listed, but no warning is raised)
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 0, 10));
    ProcessInstance first = start(1);
    assertThat(first).variables().containsEntry("reportDue", "2027-04-15").containsEntry("quarterName", "第一季度");
    reportAll(first, i -> Set.of("inclusiveLoanBalanceIncrement", "inclusiveLoanRate").contains(i.code())
        ? at(i, "0.1", "0.1") : at(i, "0.15", "0.15"));
    assertThat(first).isEnded().hasPassed("pilotOnTrack");
    assertThat(historicRows(first, "laggingIndicators")).extracting(row -> row.path("code").asText())
        .containsExactly("inclusiveLoanBalanceIncrement", "inclusiveLoanRate");
    assertThat((Double) historic(first, "monitoringProgress")).isGreaterThanOrEqualTo(0.125);

    // third quarter: 0.3 would be on track at mid-year, but lags behind three quarters of the year
    ClockUtil.setCurrentTime(beijing(2027, 10, 1, 0, 10));
    ProcessInstance third = start(3);
    assertThat(third.getBusinessKey()).isEqualTo(PILOT + "-Q3");
    reportAll(third, i -> i.area() == 4 ? at(i, "1.2", "1.2") : at(i, "0.3", "0.3"));
    assertThat(third).isWaitingAt("respondToLaggingPilot").variables().containsEntry("monitoringWarning", true)
        .containsEntry("lagReason", "第三季度末进度低于计划进度（全年改进幅度的75%）的一半");
    // ahead of the target counts as the target in the pilot's mean: 90 × 0.3 + 10 × 1 = 37 < 37.5
    assertThat(third).variables().containsEntry("monitoringProgress", 0.37);
    assertThat(row(rows(third, "monitoringRows"), "techSmeIncrement").path("progressText").asText()).isEqualTo("120.0%");
    assertThat(lag(2, 0.3)).isEqualTo(false);
  }

  @Test
  void lateReportsAreRemindedThenEscalatedAndTheWarningGetsItsFullTime() {
    ProcessInstance monitoring = start(2);
    Job reminder = timer(monitoring, "monitoringReminder");
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 7, 10, 0, 0));
    Job overdue = timer(monitoring, "monitoringOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(deadlines.afterDeadline("2027-07-15"));
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-07-15T16:00:00Z");
    // one department reports in time
    Task early = reportTasks(monitoring).get(0);
    complete(early, department(early) + "User", valuesOf(department(early), i -> at(i, "0.1", "0.1")));

    ClockUtil.setCurrentTime(beijing(2027, 7, 10, 0, 0));
    processEngine.getManagementService().executeJob(reminder.getId());
    assertThat(monitoring).hasPassed("remindMonitoringReport", "monitoringReminded");
    for (Task task : reportTasks(monitoring)) {
      assertThat(task.getPriority()).isEqualTo(80);
      assertThat(taskService().getTaskComments(task.getId())).singleElement().satisfies(c ->
          assertThat(c.getFullMessage()).isEqualTo("到期提醒：“报送季度监测数据”请于2027年7月15日24时（北京时间）前完成。"));
    }

    ClockUtil.setCurrentTime(beijing(2027, 7, 15, 23, 59));
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(monitoring.getId())
        .activityId("monitoringOverdue").executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 7, 16, 0, 0));
    processEngine.getManagementService().executeJob(overdue.getId());
    Task escalation = task(monitoring, "escalateLateMonitoring");
    assertThat(escalation).hasCandidateGroupAssociated("provincialFinance");
    assertThat(escalation.getName()).isEqualTo("逾期督办：季度监测数据未按时报送");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    assertThat(escalation.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度第二季度动态监测数据截至2027-07-15（北京时间当日24时）"
        + "仍未全部报送。省级财政部门督促未报送的部门并记录督办情况；报送任务仍在这些部门的待办中。");
    assertRefused(() -> complete(escalation, "lnFinance", Map.of())).hasMessageContaining("督办情况：必须填写");
    assertThat(monitoring).isWaitingAt("reportMonitoringValues", "escalateLateMonitoring");
    assertThat(reportTasks(monitoring)).hasSize(5);

    // the rest report late; a lagging pilot's warning gets its 15 days from today
    ClockUtil.setCurrentTime(beijing(2027, 7, 20, 9, 0));
    reportAll(monitoring, i -> at(i, "0.1", "0.1"));
    assertThat(monitoring).isWaitingAt("respondToLaggingPilot").variables().containsEntry("warningDue", "2027-08-04");
    assertThat(task(monitoring, "respondToLaggingPilot").getDueDate()).isEqualTo(deadlines.endOfDay("2027-08-04"));
    // and its reminder and escalation follow the moved day
    assertThat(timer(monitoring, "warningReminder").getDuedate()).isEqualTo(beijing(2027, 7, 30, 0, 0));
    assertThat(timer(monitoring, "warningOverdue").getDuedate()).isEqualTo(deadlines.afterDeadline("2027-08-04"));

    // the warning's reminder moves the warning up, not the escalation still open beside it (it has no deadline)
    ClockUtil.setCurrentTime(beijing(2027, 7, 30, 0, 0));
    processEngine.getManagementService().executeJob(timer(monitoring, "warningReminder").getId());
    assertThat(task(monitoring, "respondToLaggingPilot").getPriority()).isEqualTo(80);
    assertThat(task(monitoring, "escalateLateMonitoring").getPriority()).isEqualTo(escalation.getPriority()).isLessThan(80);
    assertThat(taskService().getTaskComments(escalation.getId())).isEmpty();
    complete(escalation, "lnFinance", Map.of("overdueNote", "已电话督促各部门7月20日前报送。"));
    assertThat(monitoring).hasPassed("lateMonitoringEscalated").isWaitingAt("respondToLaggingPilot");
  }

  @Test
  void badValuesAreRefusedNamingTheIndicatorAndNothingIsStored() {
    ProcessInstance monitoring = start(2);
    Task cbirc = reportTasks(monitoring).stream().filter(t -> department(t).equals("cbircOffice")).findFirst()
        .orElseThrow();
    Map<String, Object> values = new HashMap<>(valuesOf("cbircOffice", i -> at(i, "0.5", "0.5")));
    values.put(slot("inclusiveLoanBalanceIncrement"), -5L);      // an increment: not below 0
    values.put(slot("inclusiveBorrowerIncrement"), "很多");       // not a number
    values.put(slot("creditLoanShare"), Double.NaN);             // not a number either
    values.put(slot("inclusiveLoanBalanceGrowthRate"), -3.5);    // a growth rate may fall
    values.put(slot("renewalWithoutRepayment"), "");             // blank
    Map<String, Object> tooFine = new HashMap<>(values);

    assertRefused(() -> complete(cbirc, "cbircOfficeUser", values))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("“普惠型小微企业贷款余额同比增量”当前值：不能为负数（收到-5亿元）")
        .hasMessageContaining("“普惠型小微企业贷款户数同比增量”当前值：“很多”不是有效数字")
        .hasMessageContaining("“" + name("creditLoanShare") + "”当前值：“NaN”不是有效数字")
        .hasMessageContaining("“" + name("renewalWithoutRepayment") + "”当前值：必须填写")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(name("inclusiveLoanBalanceGrowthRate")));
    tooFine.put(slot("inclusiveLoanBalanceIncrement"), 1.23456);
    tooFine.put(slot("inclusiveBorrowerIncrement"), 1e15);
    tooFine.put(slot("creditLoanShare"), "50");
    tooFine.put(slot("renewalWithoutRepayment"), 90L);
    assertRefused(() -> complete(cbirc, "cbircOfficeUser", tooFine))
        .hasMessageContaining("“普惠型小微企业贷款余额同比增量”当前值：最多保留4位小数（收到1.23456）")
        .hasMessageContaining("“普惠型小微企业贷款户数同比增量”当前值：数值过大");
    assertThat(records.values(PILOT)).isEmpty();
    assertThat(count()).isZero();
    assertThat(task(monitoring, cbirc.getId())).as("the task stays open").isNotNull();
    assertThat(runtime().getVariables(monitoring.getId())).doesNotContainKey(slot("inclusiveLoanBalanceGrowthRate"));

    tooFine.put(slot("inclusiveLoanBalanceIncrement"), 1.2345);
    tooFine.put(slot("inclusiveBorrowerIncrement"), "120");
    complete(cbirc, "cbircOfficeUser", tooFine);
    assertThat(records.values(PILOT)).extracting(MonitoringRecords.MonitoringValue::department).containsOnly("cbircOffice")
        .hasSize((int) catalogue.stream().filter(i -> i.department().equals("cbircOffice")).count());
    assertThat(records.quarter(PILOT, 2).stream().filter(v -> v.indicatorCode().equals("inclusiveLoanBalanceGrowthRate"))
        .findFirst().orElseThrow().value()).isEqualByComparingTo("-3.5");
    assertThat(runtime().getVariables(monitoring.getId())).doesNotContainKey(slot("inclusiveLoanBalanceIncrement"));
    assertThat(reportTasks(monitoring)).hasSize(5);
  }

  @Test
  void aMonitoringWithoutItsPilotOrOfAQuarterThatIsNotMonitoredDoesNotStart() {
    Map<String, Object> variables = startVariables(2);
    variables.remove("cityGroup");
    variables.put("quarter", "second");
    assertRefused(() -> runtime().startProcessInstanceByKey("quarterlyMonitoring", variables))
        .hasMessageContaining("不能开始季度动态监测：缺少cityGroup").hasMessageContaining("季度（quarter）须为1—4，收到“second”");

    // the fourth quarter is the annual evaluation's
    assertRefused(() -> runtime().startProcessInstanceByKey("quarterlyMonitoring", startVariables(4)))
        .hasMessageContaining("第四季度不开展季度监测（动态监测安排表 monitoringSchedule）");

    Map<String, Object> noPlan = startVariables(2);
    noPlan.put("indicatorTargets", Spin.JSON("[]"));
    noPlan.put("programYear", "next year");
    assertRefused(() -> runtime().startProcessInstanceByKey("quarterlyMonitoring", noPlan))
        .hasMessageContaining("绩效评价缺少试点城市的绩效目标（indicatorTargets）")
        .hasMessageContaining("试点年度（programYear）不是年份");

    assertRefused(() -> runtime().startProcessInstanceByKey("quarterlyMonitoring", PILOT + "-Q3", startVariables(2)))
        .hasMessageContaining("季度动态监测的业务键须为" + PILOT + "-Q2");
    // a quarter given as text is taken
    Map<String, Object> asText = startVariables(2);
    asText.put("quarter", "2");
    asText.put("programYear", "2027");
    assertThat(runtime().startProcessInstanceByKey("quarterlyMonitoring", asText)).isWaitingAt("reportMonitoringValues")
        .variables().containsEntry("quarter", 2).containsEntry("programYear", 2027);
    assertThat(runtime().createProcessInstanceQuery().count()).isEqualTo(1);
  }

  @Test
  void theTablesAnswerOnlyForTheQuartersTheyKnow() {
    assertThat(catchThrowable(() -> processEngine.getDecisionService().evaluateDecisionByKey("monitoringSchedule")
        .variables(Variables.putValue("quarter", 5)).evaluate())).isInstanceOf(NoMatchingRuleException.class);
    assertThat(catchThrowable(() -> lag(4, 0.5))).isInstanceOf(NoMatchingRuleException.class);
    // the boundaries belong to "on track"
    assertThat(lag(1, 0.125)).isEqualTo(false);
    assertThat(lag(2, 0.25)).isEqualTo(false);
    assertThat(lag(2, 0.2499)).isEqualTo(true);
    assertThat(lag(3, 0.375)).isEqualTo(false);
    assertThat(MonitoringSchedule.quarterEnd(2028, 1)).hasToString("2028-03-31");
    assertThat(MonitoringSchedule.start(2027, 4).toInstant()).isEqualTo(deadlines.afterYearEnd(2027).toInstant());
  }

  // ------------------------------------------------------------------ helpers

  Object lag(int quarter, double progress) {
    return processEngine.getDecisionService().evaluateDecisionByKey("monitoringLag")
        .variables(Variables.putValue("quarter", quarter).putValue("progress", progress)).evaluate()
        .getSingleResult().getEntry("lagging");
  }

  ProcessInstance start(int quarter) {
    return runtime().startProcessInstanceByKey("quarterlyMonitoring", startVariables(quarter));
  }

  /** What pilotTerm's monitoring hands over; rates fall from 6% to 5%, everything else rises from 80 to 100. */
  Map<String, Object> startVariables(int quarter) {
    ArrayNode targets = JSON.createArrayNode();
    for (Indicator indicator : catalogue) {
      ObjectNode row = targets.addObject();
      row.put("code", indicator.code());
      row.put("name", indicator.name());
      row.put("area", indicator.area());
      row.put("points", indicator.points());
      row.put("unit", indicator.unit());
      row.put("baseline", lowerIsBetter(indicator) ? 6 : 80);
      row.put("target", lowerIsBetter(indicator) ? 5 : 100);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("pilotKey", PILOT);
    variables.put("applicantUnitCode", "210000");
    variables.put("applicantUnitName", "辽宁省");
    variables.put("cityCode", "210100");
    variables.put("cityName", "沈阳市");
    variables.put("cityGroup", "city210100");
    variables.put("programYear", 2027);
    variables.put("fundingLevel", "CENTRAL");
    variables.put("indicatorTargets", Spin.JSON(targets.toString()));
    variables.put("quarter", quarter);
    return variables;
  }

  static boolean lowerIsBetter(Indicator indicator) {
    return "BELOW_CEILING".equals(indicator.scoringRule());
  }

  /** The value at a share of the planned improvement: 80 + 20 × share, or for a rate 6 − share. */
  static BigDecimal at(Indicator indicator, String share, String rateShare) {
    return lowerIsBetter(indicator) ? new BigDecimal("6").subtract(new BigDecimal(rateShare))
        : new BigDecimal("80").add(new BigDecimal("20").multiply(new BigDecimal(share)));
  }

  /** Every open report task completed by an official of its department with the given values. */
  void reportAll(ProcessInstance monitoring, Function<Indicator, BigDecimal> values) {
    for (Task task : reportTasks(monitoring)) {
      complete(task, department(task) + "User", valuesOf(department(task), values));
    }
  }

  /** The numbered fields a department's form sends. */
  Map<String, Object> valuesOf(String department, Function<Indicator, BigDecimal> values) {
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i < catalogue.size(); i++) {
      if (catalogue.get(i).department().equals(department)) {
        fields.put("value_" + (i + 1), values.apply(catalogue.get(i)).doubleValue());
      }
    }
    return fields;
  }

  List<String> departments() {
    Set<String> departments = new LinkedHashSet<>();
    catalogue.forEach(i -> departments.add(i.department()));
    return new ArrayList<>(departments);
  }

  String slot(String code) {
    for (int i = 0; i < catalogue.size(); i++) {
      if (catalogue.get(i).code().equals(code)) {
        return "value_" + (i + 1);
      }
    }
    throw new IllegalArgumentException(code);
  }

  String name(String code) {
    return catalogue.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow().name();
  }

  List<Task> reportTasks(ProcessInstance monitoring) {
    return taskService().createTaskQuery().processInstanceId(monitoring.getId())
        .taskDefinitionKey("reportMonitoringValues").list().stream()
        .sorted((a, b) -> Integer.compare(departments().indexOf(department(a)), departments().indexOf(department(b))))
        .toList();
  }

  String department(Task task) {
    return (String) taskService().getVariable(task.getId(), "department");
  }

  Task task(ProcessInstance instance, String keyOrId) {
    return taskService().createTaskQuery().processInstanceId(instance.getId()).list().stream()
        .filter(t -> t.getTaskDefinitionKey().equals(keyOrId) || t.getId().equals(keyOrId)).findFirst().orElse(null);
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    // an official of the task's unit (the tenant check is on)
    processEngine.getIdentityService().setAuthentication(user, List.of(), List.of(task.getTenantId()));
    try {
      taskService().complete(task.getId(), variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  Job timer(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).timers().singleResult();
  }

  ArrayNode rows(ProcessInstance instance, String name) {
    return parse(runtime().getVariable(instance.getId(), name));
  }

  ArrayNode historicRows(ProcessInstance instance, String name) {
    return parse(historic(instance, name));
  }

  static ArrayNode parse(Object json) {
    try {
      return (ArrayNode) JSON.readTree(json.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode row(ArrayNode rows, String code) {
    for (JsonNode row : rows) {
      if (row.path("code").asText().equals(code)) {
        return row;
      }
    }
    throw new IllegalArgumentException(code);
  }

  /** A variable of the ended instance itself. */
  Object historic(ProcessInstance instance, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).list().stream().filter(v -> instance.getId().equals(v.getActivityInstanceId()))
        .findFirst().orElseThrow().getValue();
  }

  String formKey(Task task) {
    return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
  }

  static int count() {
    return jdbc().queryForObject("select count(*) from pc_monitoring_value", Integer.class);
  }

  static JdbcTemplate jdbc() {
    return new JdbcTemplate(MoneyRecords.dataSource());
  }

  static InputStream resource(String name) {
    return QuarterlyMonitoringProcessTest.class.getClassLoader().getResourceAsStream(name);
  }

  RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  TaskService taskService() {
    return processEngine.getTaskService();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  /**
   * Which rows of the given decision tables the tests hit, and whether each was also asked something it has no
   * row for; checked only when every test of the class ran.
   */
  static final class TableRows implements DmnDecisionTableEvaluationListener {

    private final Set<String> keys;
    private final Map<String, Set<String>> hit = new ConcurrentHashMap<>();
    private final Set<String> noMatch = ConcurrentHashMap.newKeySet();
    private int finished;
    private List<DmnDecisionTableEvaluationListener> installedIn;

    TableRows(String... keys) {
      this.keys = new LinkedHashSet<>(List.of(keys));
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
      String key = event.getDecisionTable().getKey();
      if (event.getMatchingRules().isEmpty()) {
        noMatch.add(key);
      }
      for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
        hit.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(rule.getId());
      }
    }

    synchronized void testFinished() {
      finished++;
    }

    void assertComplete(Class<?> testClass) {
      try {
        long declared = java.util.Arrays.stream(testClass.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (finished < declared) {
          return; // a single test was run: not a coverage failure
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
          try (InputStream in = resource("processes/" + key + ".dmn")) {
            DecisionTable table = (DecisionTable) Dmn.readModelFromStream(in)
                .getModelElementById(key + "_table");
            for (Rule rule : table.getRules()) {
              if (!hit.getOrDefault(key, Set.of()).contains(rule.getId())) {
                missing.add(key + "#" + rule.getId());
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (!noMatch.contains(key)) {
            missing.add(key + "#<no rule matched>");
          }
        }
        assertThat(missing).as("rows of the monitoring tables that no test reached").isEmpty();
      } finally {
        if (installedIn != null) {
          installedIn.remove(this);
          installedIn = null;
        }
      }
    }
  }
}
