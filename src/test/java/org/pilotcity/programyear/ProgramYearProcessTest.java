package org.pilotcity.programyear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.RuleDecisions;

/**
 * The program year (年度试点城市工作) driven through the engine with its real listeners and delegates.
 * The units' selections and the cities' applications are TEST-ONLY stand-ins
 * (src/test/resources/org/pilotcity/programyear): a pilotSelection whose one task the test completes with
 * what a real selection reports, and a cityApplication that waits at awaitSelectionOutcome.
 */
@Deployment(resources = {"processes/programYear.bpmn", "forms/startProgramYear.form", "forms/confirmNationalList.form",
    "org/pilotcity/programyear/pilotSelectionStandIn.bpmn", "org/pilotcity/programyear/cityApplicationStandIn.bpmn",
    "processes/programTerm.dmn", "processes/programCalendar.dmn", "processes/applicantRegion.dmn",
    "processes/awardStandard.dmn", "processes/annualBudget.dmn", "processes/annualPilotQuota.dmn"})
class ProgramYearProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  static final Organization ORGANIZATION = new Organization();
  static final List<String> UNITS = ORGANIZATION.units().stream().map(ApplicantUnit::code).toList();
  /** A ministry official is a member of every unit's tenant and of the ministry's. */
  static final List<String> MINISTRY_TENANTS = tenantsOfMinistry();
  static final String BUDGET_WARNING_AT_FULL_QUOTA =
      "奖励资金合计 2,350,000,000 元，超出年度预算 2,000,000,000 元 350,000,000 元";

  ProcessEngine processEngine;
  RuntimeService runtime;
  TaskService tasks;
  HistoryService history;
  final List<String> extraDeployments = new ArrayList<>();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    runtime = processEngine.getRuntimeService();
    tasks = processEngine.getTaskService();
    history = processEngine.getHistoryService();
    clock(LocalDate.of(2027, 1, 5), LocalTime.of(10, 0));
    Mocks.register("deadlines", new Deadlines());
    Mocks.register("validateProgramYearStart", new ValidateProgramYearStart(ORGANIZATION));
    Mocks.register("summarizeNationalList", new SummarizeNationalList(ORGANIZATION));
    Mocks.register("validateNationalListConfirmation", new ValidateNationalListConfirmation());
    Mocks.register("notifyApplicationOutcomes", new NotifyApplicationOutcomes());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    extraDeployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
  }

  // ---------------------------------------------------------------- start

  @Test
  void centralYearStartsOneSelectionPerApplicantUnitInThatUnitsTenant() {
    extendCentralTermTo2030();
    ProcessInstance year = startAsMinistry(central(2027));

    BpmnAwareTests.assertThat(year).isWaitingAt("runPilotSelections").hasBusinessKey("2027-CENTRAL");
    // no tenant: a sub-instance inherits a tenanted caller's tenant, and each selection must be its unit's
    assertThat(year.getTenantId()).isNull();
    BpmnAwareTests.assertThat(year).variables()
        .containsEntry("programYear", 2027).containsEntry("fundingLevel", "CENTRAL")
        .containsEntry("historicalRecord", false)
        .containsEntry("schemeDue", "2027-01-31").containsEntry("applicationDue", "2027-02-27")
        .containsEntry("submissionDue", "2027-03-31").containsEntry("evaluationDue", "2028-03-31")
        .containsEntry("initiator", "mofOfficial")
        .doesNotContainKey("applicantUnitCode");
    assertThat(runtime.getVariable(year.getId(), "applicantUnits")).isEqualTo(UNITS);

    List<ProcessInstance> selections = selections(year);
    assertThat(selections).hasSize(36);
    assertThat(selections).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrderElementsOf(UNITS.stream().map(u -> "2027-CENTRAL-" + u).toList());
    for (ProcessInstance selection : selections) {
      String unit = selection.getBusinessKey().substring("2027-CENTRAL-".length());
      assertThat(selection.getTenantId()).isEqualTo(unit);
      assertThat(runtime.getVariables(selection.getId())).containsEntry("applicantUnitCode", unit)
          .containsEntry("programYear", 2027).containsEntry("fundingLevel", "CENTRAL")
          .containsEntry("schemeDue", "2027-01-31").containsEntry("applicationDue", "2027-02-27")
          .containsEntry("submissionDue", "2027-03-31").containsEntry("historicalRecord", false)
          .doesNotContainKey("applicantUnits");
    }
  }

  @Test
  void year2019IsRecordedAfterTheFactWithTheAugustDeadlinesOfTheNotice() {
    ProcessInstance year = startAsMinistry(historical(central(2019)));

    BpmnAwareTests.assertThat(year).hasBusinessKey("2019-CENTRAL").variables()
        .containsEntry("historicalRecord", true).containsEntry("schemeDue", "2019-08-31")
        .containsEntry("applicationDue", "2019-08-31").containsEntry("submissionDue", "2019-08-31")
        .containsEntry("evaluationDue", "2020-03-31");
    List<ProcessInstance> selections = selections(year);
    assertThat(selections).hasSize(36);
    for (ProcessInstance selection : selections) {
      assertThat(runtime.getVariables(selection.getId())).containsEntry("schemeDue", "2019-08-31")
          .containsEntry("applicationDue", "2019-08-31").containsEntry("submissionDue", "2019-08-31")
          .containsEntry("historicalRecord", true);
    }
  }

  @Test
  void secondYearOfTheSameLevelIsRefusedAndCreatesNothing() {
    extendCentralTermTo2030();
    ProcessInstance first = startAsMinistry(central(2027));
    long instances = history.createHistoricProcessInstanceQuery().count();

    assertThatThrownBy(() -> startAsMinistry(central(2027)))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("2027年度中央财政试点城市工作不能重复启动")
        .hasMessageContaining("业务键 2027-CENTRAL，进行中");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);

    // a province's own program of the same year is another program year
    ProcessInstance provincial = startAsProvince("610000", provincial(2027, "610000"));
    BpmnAwareTests.assertThat(provincial).hasBusinessKey("2027-PROVINCIAL-610000");

    // a year started by mistake and cancelled may be started again
    runtime.deleteProcessInstance(first.getId(), "误启动");
    ProcessInstance again = startAsMinistry(central(2027));
    BpmnAwareTests.assertThat(again).isWaitingAt("runPilotSelections").hasBusinessKey("2027-CENTRAL");
  }

  @Test
  void yearClosedByTheProgramTermIsRefusedWithTheTablesReason() {
    long instances = history.createHistoricProcessInstanceQuery().count();
    assertThatThrownBy(() -> startAsMinistry(central(2022)))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageStartingWith("2022年度中央财政试点城市工作不能启动：")
        .hasMessageContaining("中央财政试点期限暂定为3年（2019—2021年），已期满");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void yearPastItsSchemeDeadlineIsRefusedUnlessRecordedAsHistorical() {
    extendCentralTermTo2030();
    // the scheme is due on Jan 31 (end of day, Beijing): on that evening the year can still start
    clock(LocalDate.of(2027, 1, 31), LocalTime.of(23, 30));
    ProcessInstance onTime = startAsProvince("610000", provincial(2027, "610000"));
    BpmnAwareTests.assertThat(onTime).isWaitingAt("runPilotSelections");

    clock(LocalDate.of(2027, 2, 1), LocalTime.of(9, 0));
    long instances = history.createHistoricProcessInstanceQuery().count();
    assertThatThrownBy(() -> startAsMinistry(central(2027)))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("2027年度中央财政试点城市工作不能启动：2027年度评审方案截止日（2027-01-31）已过；"
            + "如需补录历史年度，请勾选“历史年度补录”");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);

    ProcessInstance recorded = startAsMinistry(historical(central(2027)));
    BpmnAwareTests.assertThat(recorded).isWaitingAt("runPilotSelections").variables()
        .containsEntry("historicalRecord", true);
    assertThat(selections(recorded)).hasSize(36);
  }

  @Test
  void historicalRecordOfAYearStillAheadIsRefused() {
    extendCentralTermTo2030();
    assertThatThrownBy(() -> startAsMinistry(historical(central(2028))))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("不能作为历史年度补录：2028年度评审方案截止日（2028-01-31）尚未到");
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void badRequestIsRefusedWithEveryProblem() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("programYear", 2018);
    bad.put("fundingLevel", "NATIONAL");
    bad.put("historicalRecord", "yes");
    assertThatThrownBy(() -> startAsMinistry(bad))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("年度：必须在2019—2100之间（收到2018）")
        .hasMessageContaining("资金层级：请选择中央财政试点城市、省级试点城市之一（收到“NATIONAL”）")
        .hasMessageContaining("历史年度补录：只能为是或否（收到“yes”）");

    assertThatThrownBy(() -> startAsMinistry(Map.of("programYear", "二〇二七", "fundingLevel", "PROVINCIAL")))
        .hasMessageContaining("年度：必须填写四位数的年度")
        .hasMessageContaining("申报单位代码：省级试点必须填写本单位的6位行政区划代码");
    // (unauthenticated, e.g. an administrator's script: the tenant provider does not stop it, the listener does)
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("programYear", provincial(2027, "999999")))
        .hasMessageContaining("申报单位代码：“999999”不是36个申报单位");
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().count()).isZero();
  }

  @Test
  void centralYearIsTheMinistrysAndNeedsNoUnit() {
    extendCentralTermTo2030();
    Map<String, Object> withUnit = new HashMap<>(central(2027));
    withUnit.put("applicantUnitCode", "210000");
    assertThatThrownBy(() -> startAsMinistry(withUnit))
        .hasMessageContaining("中央财政试点覆盖全部36个申报单位，不填写申报单位代码（收到“210000”）");
    // a province's official who picks the central level
    assertThatThrownBy(() -> startAsProvince("610000", central(2027)))
        .hasMessageContaining("中央财政试点年度只能由财政部启动");
    // ... nor may start a provincial year for another province (the tenant provider refuses)
    assertThatThrownBy(() -> startAsProvince("610000", provincial(2027, "210000")))
        .hasMessageContaining("无权为申报单位 210000 发起流程");
    assertThat(runtime.createProcessInstanceQuery().count()).isZero();

    // what the start form sends for a central year: an empty unit code, the year as a whole number
    Map<String, Object> fromForm = new HashMap<>(central(2027));
    fromForm.put("applicantUnitCode", "");
    fromForm.put("programYear", 2027L);
    ProcessInstance year = startAsMinistry(fromForm);
    BpmnAwareTests.assertThat(year).variables().containsEntry("programYear", 2027).doesNotContainKey("applicantUnitCode");
  }

  // ---------------------------------------------------------------- the national list

  @Test
  void fullNationalYearListsSixtyCitiesOverBudgetAndTellsEveryApplicationItsOutcome() {
    extendCentralTermTo2030();
    ProcessInstance year = startAsMinistry(central(2027));
    // every unit's cities apply: one more than its quota, so one of each unit is not selected
    Map<String, ProcessInstance> applications = new LinkedHashMap<>();
    for (String unit : UNITS) {
      for (int i = 1; i <= quota(unit) + 1; i++) {
        applications.put(cityCode(unit, i), apply(2027, "CENTRAL", unit, cityCode(unit, i)));
      }
    }
    ProcessInstance otherYear = apply(2026, "CENTRAL", "610000", cityCode("610000", 1));
    ProcessInstance provincialApplication = apply(2027, "PROVINCIAL", "610000", cityCode("610000", 1));

    for (ProcessInstance selection : selections(year)) {
      String unit = unitOf(selection);
      report(selection, "SELECTED", cities(unit, quota(unit)), null);
      BpmnAwareTests.assertThat(selection).isEnded();
    }
    // each unit's end continues the year asynchronously, so units reporting at the same moment do not collide
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(year.getId()).count())
        .isEqualTo(36);
    BpmnAwareTests.assertThat(year).hasNotPassed("summarizeNationalList");
    executeJobs();

    BpmnAwareTests.assertThat(year).isWaitingAt("confirmNationalList").hasPassed("summarizeNationalList");
    BpmnAwareTests.assertThat(task(year)).hasCandidateGroup("mof").hasName("确认试点城市名单");
    Map<String, Object> summary = runtime.getVariables(year.getId());
    SpinJsonNode list = (SpinJsonNode) summary.get("nationalList");
    assertThat(list.elements()).hasSize(60);
    assertThat(summary).containsEntry("countEast", 25).containsEntry("countCentral", 15)
        .containsEntry("countWest", 20).containsEntry("totalCities", 60)
        .containsEntry("totalAwards", 2_350_000_000L).containsEntry("budgetAmount", 2_000_000_000L)
        .containsEntry("budgetExceeded", true).containsEntry("awardsUndetermined", false)
        .containsEntry("budgetWarning", BUDGET_WARNING_AT_FULL_QUOTA);
    assertThat(((SpinJsonNode) summary.get("unitsWithoutPilot")).elements()).isEmpty();
    assertThat((String) summary.get("nationalListSummary"))
        .startsWith("2027年度中央财政试点城市名单：36个申报单位中36个确定了试点城市，共60个（东部25个、中部15个、西部20个）；"
            + "奖励资金合计2,350,000,000元，年度预算2,000,000,000元。")
        .contains("提示：" + BUDGET_WARNING_AT_FULL_QUOTA);

    SpinJsonNode beijing = list.elements().get(0);
    assertThat(beijing.prop("applicantUnitCode").stringValue()).isEqualTo("110000");
    assertThat(beijing.prop("applicantUnitName").stringValue()).isEqualTo("北京市");
    assertThat(beijing.prop("cityCode").stringValue()).isEqualTo(cityCode("110000", 1));
    assertThat(beijing.prop("region").stringValue()).isEqualTo("EAST");
    assertThat(beijing.prop("awardAmount").numberValue().longValue()).isEqualTo(30_000_000L);
    assertThat(beijing.prop("rank").numberValue().intValue()).isEqualTo(1);
    assertThat(beijing.prop("meanScore").numberValue().doubleValue()).isEqualTo(90.5);
    SpinJsonNode dalian = row(list, cityCode("210200", 1));
    assertThat(dalian.prop("region").stringValue()).isEqualTo("EAST"); // the unit's region: a 计划单列市
    SpinJsonNode xian = row(list, cityCode("610000", 2));
    assertThat(xian.prop("awardAmount").numberValue().longValue()).isEqualTo(50_000_000L);
    assertThat(xian.prop("rank").numberValue().intValue()).isEqualTo(2);
    assertThat(xian.prop("exceptionJustification").isNull()).isTrue();

    // the confirmation: explicit, and with a reason for exceeding the budget
    Task confirm = task(year);
    assertThatThrownBy(() -> completeAsMinistry(confirm, Map.of("confirmationNote", "预算已调整，按名单拨付。")))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("确认以上试点城市名单：必须勾选确认");
    assertThatThrownBy(() -> completeAsMinistry(confirm, Map.of("listConfirmed", true)))
        .hasMessageContaining("确认说明：奖励资金合计超出年度预算，请说明超出部分的处理意见（不少于10个字，现为0个）");
    assertThatThrownBy(() -> completeAsMinistry(confirm, Map.of("listConfirmed", true, "confirmationNote", " 同意超出。 ")))
        .hasMessageContaining("不少于10个字，现为5个");
    assertThatThrownBy(() -> completeAsMinistry(confirm, Map.of("listConfirmed", "true",
        "confirmationNote", "x".repeat(2001))))
        .hasMessageContaining("必须勾选确认").hasMessageContaining("确认说明：不能超过2000个字符");
    BpmnAwareTests.assertThat(year).isWaitingAt("confirmNationalList");
    assertThat(applications.values()).allSatisfy(a -> BpmnAwareTests.assertThat(a).isWaitingAt("awaitSelectionOutcome"));

    completeAsMinistry(confirm, Map.of("listConfirmed", true,
        "confirmationNote", "超出部分3.5亿元由普惠金融发展专项资金下年度预算统筹安排。"));
    BpmnAwareTests.assertThat(year).isWaitingAt("notifyApplicationOutcomes")
        .variables().containsEntry("listConfirmedBy", "mofOfficial").containsKey("listConfirmedAt");
    executeJobs();

    BpmnAwareTests.assertThat(year).isEnded().hasPassed("notifyApplicationOutcomes", "nationalListConfirmed")
        .variables().containsEntry("notifiedApplications", 96);
    for (Map.Entry<String, ProcessInstance> application : applications.entrySet()) {
      BpmnAwareTests.assertThat(application.getValue()).isEnded();
      Map<String, Object> outcome = historicVariables(application.getValue());
      String code = application.getKey();
      String unit = unitOf(code);
      int number = Integer.parseInt(code.substring(4));
      if (number <= quota(unit)) {
        long award = switch (region(unit)) {
          case "EAST" -> 30_000_000L;
          case "CENTRAL" -> 40_000_000L;
          default -> 50_000_000L;
        };
        assertThat(outcome).as(code).containsEntry("selected", true).containsEntry("selectionRank", number)
            .containsEntry("awardAmount", award);
      } else {
        assertThat(outcome).as(code).containsEntry("selected", false).containsEntry("selectionRank", null)
            .containsEntry("awardAmount", null);
      }
    }
    // other years and the provinces' own programs are not this year's business
    BpmnAwareTests.assertThat(otherYear).isWaitingAt("awaitSelectionOutcome");
    BpmnAwareTests.assertThat(provincialApplication).isWaitingAt("awaitSelectionOutcome");
  }

  @Test
  void unitsWithoutPilotAreListedWithTheirReasonAndAYearWithinBudgetNeedsNoNote() {
    clock(LocalDate.of(2020, 1, 6), LocalTime.of(9, 0));
    ProcessInstance year = startAsMinistry(central(2020));
    // Shaanxi runs its own program the same year and selects two cities of its own first
    ProcessInstance shaanxi = startAsProvince("610000", provincial(2020, "610000"));
    report(selections(shaanxi).get(0), "SELECTED", "[{\"cityCode\":\"610300\",\"cityName\":\"宝鸡市\",\"rank\":1,"
        + "\"meanScore\":88.0},{\"cityCode\":\"610400\",\"cityName\":\"咸阳市\",\"rank\":2,\"meanScore\":86.0}]", null);
    executeJobs();
    for (ProcessInstance selection : selections(year)) {
      switch (unitOf(selection)) {
        case "540000" -> report(selection, "NO_PILOT", "[]", "无符合条件的申报城市");
        case "630000" -> report(selection, "SELECTED", "[]", null);
        case "640000" -> tasks.complete(task(selection).getId()); // reported nothing
        case "650000" -> report(selection, "NO_PILOT", "[]", null);
        default -> report(selection, "SELECTED", cities(unitOf(selection), 1), null);
      }
    }
    executeJobs();

    Map<String, Object> summary = runtime.getVariables(year.getId());
    assertThat(summary).containsEntry("totalCities", 32).containsEntry("countEast", 16)
        .containsEntry("countCentral", 8).containsEntry("countWest", 8)
        .containsEntry("totalAwards", 16 * 30_000_000L + 8 * 40_000_000L + 8 * 50_000_000L)
        .containsEntry("budgetExceeded", false).containsEntry("budgetWarning", "");
    // the province's own pilots are neither in the national list nor in the central budget
    List<SpinJsonNode> national = ((SpinJsonNode) summary.get("nationalList")).elements();
    assertThat(national).extracting(c -> c.prop("applicantUnitCode").stringValue()).containsOnlyOnce("610000");
    assertThat(national).extracting(c -> c.prop("cityName").stringValue()).doesNotContain("宝鸡市", "咸阳市");
    assertThat(runtime.getVariables(shaanxi.getId())).containsEntry("totalCities", 2)
        .containsEntry("totalAwards", 20_000_000L).containsEntry("budgetAmount", 50_000_000L);
    List<SpinJsonNode> without = ((SpinJsonNode) summary.get("unitsWithoutPilot")).elements();
    assertThat(without).extracting(u -> u.prop("applicantUnitCode").stringValue() + " " + u.prop("applicantUnitName")
        .stringValue() + "：" + u.prop("reason").stringValue())
        .containsExactly("540000 西藏自治区：无符合条件的申报城市", "630000 青海省：报送的试点城市名单为空",
            "640000 宁夏回族自治区：未报送评审结果", "650000 新疆维吾尔自治区：本年度未确定试点城市");
    assertThat((String) summary.get("nationalListSummary"))
        .contains("36个申报单位中32个确定了试点城市，共32个")
        .contains("未确定试点城市的申报单位：西藏自治区（无符合条件的申报城市）、青海省（报送的试点城市名单为空）")
        .doesNotContain("提示");

    completeAsMinistry(task(year), Map.of("listConfirmed", true));
    executeJobs();
    BpmnAwareTests.assertThat(year).isEnded().variables().containsEntry("notifiedApplications", 0);
  }

  // ---------------------------------------------------------------- a province's own program

  @Test
  void provincialYearRunsOnlyTheProvincesSelectionAndReachesOnlyItsCities() {
    ProcessInstance year = startAsProvince("610000", provincial(2027, "610000"));
    assertThat(year.getTenantId()).isEqualTo("610000");
    BpmnAwareTests.assertThat(year).hasBusinessKey("2027-PROVINCIAL-610000").variables()
        .containsEntry("applicantUnitCode", "610000").containsEntry("applicantUnitName", "陕西省");
    List<ProcessInstance> selections = selections(year);
    assertThat(selections).hasSize(1);
    ProcessInstance selection = selections.get(0);
    assertThat(selection.getBusinessKey()).isEqualTo("2027-PROVINCIAL-610000");
    assertThat(selection.getTenantId()).isEqualTo("610000");
    assertThat(runtime.getVariables(selection.getId())).containsEntry("applicantUnitCode", "610000")
        .containsEntry("fundingLevel", "PROVINCIAL").containsEntry("schemeDue", "2027-01-31");

    ProcessInstance xian = apply(2027, "PROVINCIAL", "610000", "610100");
    ProcessInstance baoji = apply(2027, "PROVINCIAL", "610000", "610300");
    ProcessInstance yangling = apply(2027, "PROVINCIAL", "610000", "610403");
    ProcessInstance liaoning = apply(2027, "PROVINCIAL", "210000", "210100");
    ProcessInstance central = apply(2027, "CENTRAL", "610000", "610100");

    report(selection, "SELECTED", "[{\"cityCode\":\"610300\",\"cityName\":\"宝鸡市\",\"rank\":2,\"meanScore\":85.0,"
        + "\"applicantType\":\"PREFECTURE_CITY\"},{\"cityCode\":\"610100\",\"cityName\":\"西安市\",\"rank\":1,"
        + "\"meanScore\":91.25,\"applicantType\":\"PREFECTURE_CITY\"}]", null);
    executeJobs();

    BpmnAwareTests.assertThat(year).isWaitingAt("confirmNationalList");
    BpmnAwareTests.assertThat(task(year)).hasCandidateGroup("provincialFinance");
    assertThat(task(year).getTenantId()).isEqualTo("610000");
    Map<String, Object> summary = runtime.getVariables(year.getId());
    List<SpinJsonNode> list = ((SpinJsonNode) summary.get("nationalList")).elements();
    assertThat(list).extracting(c -> c.prop("cityName").stringValue()).containsExactly("西安市", "宝鸡市");
    // Shaanxi's own rows: 10 million yuan per provincial pilot, 50 million a year — nothing of the central ones
    assertThat(list.get(0).prop("awardAmount").numberValue().longValue()).isEqualTo(10_000_000L);
    assertThat(list.get(0).prop("awardText").stringValue()).isEqualTo("10,000,000");
    assertThat(summary).containsEntry("countWest", 2).containsEntry("totalAwards", 20_000_000L)
        .containsEntry("budgetAmount", 50_000_000L).containsEntry("budgetExceeded", false)
        .containsEntry("awardsUndetermined", false).containsEntry("budgetWarning", "");
    assertThat((String) summary.get("nationalListSummary")).startsWith("2027年度省级试点城市（陕西省）名单：1个申报单位中1个")
        .contains("奖励资金合计20,000,000元，年度预算50,000,000元");

    tasks.complete(task(year).getId(), Map.of("listConfirmed", true));
    BpmnAwareTests.assertThat(year).variables().containsEntry("listConfirmedBy", null);
    executeJobs();

    BpmnAwareTests.assertThat(year).isEnded().variables().containsEntry("notifiedApplications", 3);
    assertThat(historicVariables(xian)).containsEntry("selected", true).containsEntry("selectionRank", 1)
        .containsEntry("awardAmount", 10_000_000L);
    assertThat(historicVariables(baoji)).containsEntry("selected", true).containsEntry("selectionRank", 2);
    assertThat(historicVariables(yangling)).containsEntry("selected", false);
    BpmnAwareTests.assertThat(liaoning).isWaitingAt("awaitSelectionOutcome");
    BpmnAwareTests.assertThat(central).isWaitingAt("awaitSelectionOutcome");

    // the finished year is not started twice either
    assertThatThrownBy(() -> startAsProvince("610000", provincial(2027, "610000")))
        .hasMessageContaining("2027年度省级试点城市工作（陕西省）不能重复启动")
        .hasMessageContaining("业务键 2027-PROVINCIAL-610000，已办结");
  }

  @Test
  void aProvinceWithoutItsOwnAwardRowsIsToldSoAndMustSayHowItWillPay() {
    ProcessInstance year = startAsProvince("320000", provincial(2027, "320000"));
    ProcessInstance selection = selections(year).get(0);
    apply(2027, "PROVINCIAL", "320000", "320100");
    report(selection, "SELECTED", "[{\"cityCode\":\"320100\",\"cityName\":\"南京市\",\"rank\":1,\"meanScore\":90.0,"
        + "\"applicantType\":\"PREFECTURE_CITY\"}]", null);
    executeJobs();

    Map<String, Object> summary = runtime.getVariables(year.getId());
    SpinJsonNode city = ((SpinJsonNode) summary.get("nationalList")).elements().get(0);
    assertThat(city.prop("awardAmount").isNull()).isTrue();
    assertThat(city.prop("awardText").stringValue()).isEqualTo("待定（奖励标准未设置）");
    // the tables have no rows of Jiangsu's own: the province is told so, nothing is made up or borrowed
    assertThat(summary).containsEntry("countEast", 1).containsEntry("totalAwards", 0L)
        .containsEntry("budgetAmount", null).containsEntry("budgetExceeded", false)
        .containsEntry("awardsUndetermined", true);
    assertThat((String) summary.get("budgetWarning"))
        .contains("1个试点城市的奖励标准未设置：决策表“试点城市奖励标准”(awardStandard)没有“省级试点城市”(PROVINCIAL)本省的规则")
        .contains("年度预算未设置：决策表“年度奖励资金预算”(annualBudget)没有2027年度“省级试点城市”(PROVINCIAL)的规则");

    Task confirm = task(year);
    assertThatThrownBy(() -> tasks.complete(confirm.getId(), Map.of("listConfirmed", true)))
        .hasMessageContaining("确认说明：部分试点城市的奖励标准未设置");
    tasks.complete(confirm.getId(), Map.of("listConfirmed", true, "confirmationNote", "省级奖励标准由省财政厅另行发文确定。"));
    executeJobs();
    BpmnAwareTests.assertThat(year).isEnded();
  }

  // ---------------------------------------------------------------- helpers

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private static void clock(LocalDate day, LocalTime time) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(time).atZone(Deadlines.BEIJING).toInstant()));
  }

  /**
   * The shipped programTerm closes the central program after 2021 (the notice's three years). The tests of a
   * later central year deploy what a policy owner would: a new version that extends the term to 2030.
   */
  private void extendCentralTermTo2030() {
    String table = resource("processes/programTerm.dmn");
    String extended = table.replace("<text>[2019..2021]</text>", "<text>[2019..2030]</text>")
        .replace("<text>&gt; 2021</text>", "<text>&gt; 2030</text>");
    assertThat(extended).isNotEqualTo(table);
    extraDeployments.add(processEngine.getRepositoryService().createDeployment().name("中央财政试点延续至2030年")
        .addString("programTerm.dmn", extended).deploy().getId());
  }

  private static String resource(String name) {
    try (InputStream in = ProgramYearProcessTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> central(int year) {
    return Map.of("programYear", year, "fundingLevel", "CENTRAL");
  }

  private static Map<String, Object> provincial(int year, String unit) {
    return Map.of("programYear", year, "fundingLevel", "PROVINCIAL", "applicantUnitCode", unit);
  }

  private static Map<String, Object> historical(Map<String, Object> request) {
    Map<String, Object> variables = new HashMap<>(request);
    variables.put("historicalRecord", true);
    return variables;
  }

  private ProcessInstance startAsMinistry(Map<String, Object> variables) {
    return as("mofOfficial", List.of("mof"), MINISTRY_TENANTS,
        () -> runtime.startProcessInstanceByKey("programYear", variables));
  }

  private ProcessInstance startAsProvince(String unit, Map<String, Object> variables) {
    return as("provinceOfficial", List.of("provincialFinance"), List.of(unit),
        () -> runtime.startProcessInstanceByKey("programYear", variables));
  }

  private void completeAsMinistry(Task task, Map<String, Object> variables) {
    as("mofOfficial", List.of("mof"), MINISTRY_TENANTS, () -> {
      tasks.complete(task.getId(), variables);
      return null;
    });
  }

  private <T> T as(String user, List<String> groups, List<String> tenants, Supplier<T> action) {
    processEngine.getIdentityService().setAuthentication(user, groups, tenants);
    try {
      return action.get();
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private List<ProcessInstance> selections(ProcessInstance year) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(year.getId()).list();
  }

  /** What a unit's selection reports when it ends. */
  private void report(ProcessInstance selection, String outcome, String selectedCities, String reason) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("selectionOutcome", outcome);
    variables.put("selectedCities", SpinValues.jsonValue(selectedCities).create());
    variables.put("selectionReason", Variables.stringValue(reason));
    tasks.complete(task(selection).getId(), variables);
  }

  /** An application in the competition (waiting for its outcome), keyed as the real one is. */
  private ProcessInstance apply(int year, String level, String unit, String cityCode) {
    return runtime.startProcessInstanceByKey("cityApplication", year + "-" + level + "-" + cityCode,
        Map.of("programYear", year, "fundingLevel", level, "applicantUnitCode", unit, "cityCode", cityCode));
  }

  /** The unit's quota of selected cities, ranks 1..n, as a Json array like pilotSelection's selectedCities. */
  private static String cities(String unit, int count) {
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      rows.add(String.format("{\"cityCode\":\"%s\",\"cityName\":\"%s第%d名\",\"rank\":%d,\"meanScore\":%s,"
          + "\"applicantType\":\"PREFECTURE_CITY\",\"exceptionJustification\":null}",
          cityCode(unit, i), ORGANIZATION.unit(unit).orElseThrow().nameZh(), i, i, 91.5 - i));
    }
    return rows.stream().collect(Collectors.joining(",", "[", "]"));
  }

  /** A made-up city code, unique per unit: the unit's first four digits and a two-digit number. */
  private static String cityCode(String unit, int number) {
    return unit.substring(0, 4) + String.format("%02d", number);
  }

  private String unitOf(ProcessInstance selection) {
    return (String) runtime.getVariable(selection.getId(), "applicantUnitCode");
  }

  private static String unitOf(String cityCode) {
    return UNITS.stream().filter(u -> u.startsWith(cityCode.substring(0, 4))).findFirst().orElseThrow();
  }

  private int quota(String unit) {
    return ((Number) processEngine.getDecisionService().evaluateDecisionByKey(RuleDecisions.ANNUAL_PILOT_QUOTA)
        .variables(Variables.putValue(RuleDecisions.APPLICANT_UNIT_CODE, unit)).evaluate().getSingleEntry()).intValue();
  }

  private String region(String unit) {
    return processEngine.getDecisionService().evaluateDecisionByKey(RuleDecisions.APPLICANT_REGION)
        .variables(Variables.putValue(RuleDecisions.APPLICANT_UNIT_CODE, unit)).evaluate().getSingleEntry();
  }

  private static SpinJsonNode row(SpinJsonNode list, String cityCode) {
    return list.elements().stream().filter(r -> r.prop("cityCode").stringValue().equals(cityCode)).findFirst()
        .orElseThrow();
  }

  private Map<String, Object> historicVariables(ProcessInstance instance) {
    Map<String, Object> values = new HashMap<>();
    history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(v -> values.put(v.getName(), v.getValue()));
    return values;
  }

  /** Runs what the job executor would: each unit's asynchronous continuation, the summary, the notification. */
  private void executeJobs() {
    for (int round = 0; round < 200; round++) {
      List<Job> jobs = processEngine.getManagementService().createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming");
  }

  /**
   * The tenant rule this model needs (requested from the lead for organization/UnitTenantIdProvider): a
   * national program year (programYear without applicantUnitCode) belongs to no tenant. The engine gives a
   * call activity's instance its caller's tenant whenever the caller has one (ExecutionEntity
   * .createSubProcessInstance), and only asks the provider otherwise; a national year in tenant "mof" would put
   * all 36 units' selections into "mof".
   */
  private static List<String> tenantsOfMinistry() {
    List<String> tenants = new ArrayList<>(UNITS);
    tenants.add(Organization.MINISTRY_TENANT);
    return tenants;
  }
}
