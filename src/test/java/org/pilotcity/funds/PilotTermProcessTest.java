package org.pilotcity.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.monitoring.DetermineMonitoredQuarter;
import org.pilotcity.monitoring.MonitoringSchedule;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.support.MoneyRecords;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pilot term (试点期) through the engine with the real listeners, the real decision tables, the ledger
 * on the test database and stand-ins for the annual evaluation, the clawback and the quarterly monitoring.
 */
@Deployment(resources = {"processes/pilotTerm.bpmn", "forms/recordMinistryPayment.form",
    "forms/recordProvincePayment.form", "forms/reportFundUse.form", "forms/verifyFundUse.form",
    "processes/applicantRegion.dmn", "processes/awardStandard.dmn", "processes/programCalendar.dmn",
    "processes/fundUsePurpose.dmn", "processes/monitoringSchedule.dmn",
    "org/pilotcity/funds/annualEvaluationStandIn.bpmn", "org/pilotcity/funds/clawbackStandIn.bpmn",
    "org/pilotcity/monitoring/quarterlyMonitoringStandIn.bpmn"})
class PilotTermProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  /** Tuesday 2027-04-20, 10:00 in Beijing: the city has just been selected. */
  static final Date NOW = beijing(2027, 4, 20, 10, 0);
  static final String SHENYANG = "2027-CENTRAL-210100";
  static final String XIAN = "2027-CENTRAL-610100";
  static final String XIAN_PROVINCIAL = "2027-PROVINCIAL-610100";
  /** Valid unified social credit codes (GB 32100-2015 check character). */
  static final String GUARANTEE_COMPANY_CODE = "91350100M000100Y43";
  static final String BANK_CODE = "91210100MA0XYK123" + CreditCode.checkCharacter("91210100MA0XYK123");

  ProcessEngine processEngine;
  final Deadlines deadlines = new Deadlines();
  Ledger ledger;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(NOW);
    MoneyRecords.clear();
    ledger = MoneyRecords.ledger();
    Mocks.register("deadlines", deadlines);
    Mocks.register("registerPilotTerm", new RegisterPilotTerm(ledger));
    Mocks.register("recordPilotCalendar", new RecordPilotCalendar());
    Mocks.register("recordAward", new RecordAward(ledger));
    Mocks.register("recordMinistryPayment", new RecordMinistryPayment(ledger));
    Mocks.register("recordProvincePayment", new RecordProvincePayment(ledger));
    Mocks.register("recordFundUse", new RecordFundUse(ledger));
    Mocks.register("recordFundUseCheck", new RecordFundUseCheck(ledger));
    MonitoringSchedule schedule = new MonitoringSchedule();
    Mocks.register("monitoringSchedule", schedule);
    Mocks.register("determineMonitoredQuarter", new DetermineMonitoredQuarter(schedule));
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
  }

  // ------------------------------------------------------------------ award

  @Test
  void awardIsRecordedOnceWithTheAmountOfTheRegion() {
    ProcessInstance term = start(shenyang());
    assertThat(term.getBusinessKey()).isEqualTo(SHENYANG);
    assertThat(term.getTenantId()).isEqualTo("210000");
    assertThat(term).isWaitingAt("recordAward");
    assertThat(ledger.award(SHENYANG)).as("the award is written by the job, not at the start").isEmpty();

    executeJob(term, "recordAward");

    Ledger.Award award = ledger.award(SHENYANG).orElseThrow();
    assertThat(award.amount()).isEqualByComparingTo("30000000.00");
    assertThat(award.region()).isEqualTo("EAST");
    assertThat(award.cityName()).isEqualTo("沈阳市");
    assertThat(award.applicantUnitName()).isEqualTo("辽宁省");
    assertThat(award.programYear()).isEqualTo(2027);
    assertThat(award.fundingLevel()).isEqualTo("CENTRAL");
    assertThat(award.processInstanceId()).isEqualTo(term.getId());
    assertThat(award.grantedAt()).isEqualTo(NOW.toInstant());
    assertThat(term).hasPassed("determineRegion", "determineAward", "determineCalendar", "recordAward")
        .isWaitingAt("recordMinistryPayment").variables()
        .containsEntry("region", "EAST").containsEntry("awardAmount", 30_000_000)
        .containsEntry("evaluationDue", "2028-03-31").containsEntry("fundsReceived", 0.0)
        .doesNotContainKey("calendar");
    Task payment = task(term);
    assertThat(payment).hasCandidateGroupAssociated("mof").hasName("财政部拨付奖励资金");
    assertThat(payment.getDueDate()).as("the notice sets no payment deadline").isNull();
    assertThat(formKey(payment)).isEqualTo("recordMinistryPayment");
    assertThat(awardRows(SHENYANG)).isEqualTo(1);
  }

  @Test
  void westernCityGetsFiftyMillion() {
    ProcessInstance term = start(xian());
    assertThat(term.getTenantId()).isEqualTo("610000");
    executeJob(term, "recordAward");
    assertThat(ledger.award(XIAN).orElseThrow().amount()).isEqualByComparingTo("50000000");
    assertThat(ledger.award(XIAN).orElseThrow().region()).isEqualTo("WEST");
    assertThat(term).variables().containsEntry("region", "WEST").containsEntry("awardAmount", 50_000_000);
  }

  @Test
  void retriedAwardJobRecordsNothingTwice() {
    ProcessInstance term = start(shenyang());
    // a first attempt of the job wrote the award, then failed after it: the retry finds it
    ledger.grantAward(new Ledger.Award(SHENYANG, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        new BigDecimal("30000000.00"), term.getId(), null));

    executeJob(term, "recordAward");

    assertThat(term).isWaitingAt("recordMinistryPayment");
    assertThat(awardRows(SHENYANG)).isEqualTo(1);
    assertThat(ledger.award(SHENYANG).orElseThrow().processInstanceId()).isEqualTo(term.getId());
  }

  @Test
  void secondPilotTermForTheSamePilotIsRefused() {
    ProcessInstance first = start(shenyang());
    assertRefused(() -> start(shenyang())).hasMessageContaining("试点城市沈阳市（2027-CENTRAL-210100）的试点期正在办理中");

    executeJob(first, "recordAward");
    runtime().deleteProcessInstance(first.getId(), "测试：管理员撤销了第一个试点期");
    assertRefused(() -> start(shenyang()))
        .hasMessageContaining("试点城市沈阳市（2027-CENTRAL-210100）已核定奖励资金，每个试点只有一个试点期");
    assertThat(awardRows(SHENYANG)).isEqualTo(1);
    assertThat(runtime().createProcessInstanceQuery().processDefinitionKey("pilotTerm").count()).isZero();
  }

  @Test
  void awardFromAnotherInstanceIsRefusedByTheLedgerAndTheJobFails() {
    ProcessInstance term = start(shenyang());
    // the award was written meanwhile by another instance (e.g. one started on another node)
    ledger.grantAward(new Ledger.Award(SHENYANG, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        new BigDecimal("30000000.00"), "anotherInstance", null));

    Job job = job(term, "recordAward");
    Throwable failure = catchThrowable(() -> management().executeJob(job.getId()));
    assertThat(failure).isInstanceOf(LedgerRefusal.class).hasMessageContaining("每个试点只奖励一次，不得重复核定");
    assertThat(term).isWaitingAt("recordAward");
    assertThat(awardRows(SHENYANG)).isEqualTo(1);
    assertThat(ledger.award(SHENYANG).orElseThrow().processInstanceId()).isEqualTo("anotherInstance");
  }

  @Test
  void pilotTermWithoutItsIdentityDoesNotStart() {
    Map<String, Object> variables = shenyang();
    variables.remove("cityGroup");
    variables.remove("programYear");
    assertRefused(() -> start(variables)).hasMessageContaining("试点期不能开始，缺少：cityGroup、programYear");

    assertRefused(() -> runtime().startProcessInstanceByKey("pilotTerm", "2027-CENTRAL-999999", shenyang()))
        .hasMessageContaining("试点期的业务键须为试点编号2027-CENTRAL-210100");

    ProcessInstance withoutKey = runtime().startProcessInstanceByKey("pilotTerm", shenyang());
    assertThat(withoutKey.getBusinessKey()).isEqualTo(SHENYANG);
  }

  // ------------------------------------------------------------------ payments

  @Test
  void paymentsAreRecordedWithTheirDatesOnceAndInFull() {
    ProcessInstance term = awarded(shenyang());
    Task ministry = task(term);

    assertRefused(() -> complete(ministry, "mofUser", Map.of("paidOn", "2027-04-21", "amount", 3_000_000)))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("拨付日期：2027-04-21晚于今天（2027-04-20）")
        .hasMessageContaining("拨付金额：须与核定的奖励资金30,000,000.00元一致（收到3,000,000.00元）")
        .hasMessageContaining("拨付文号：必须填写");
    assertRefused(() -> complete(ministry, "mofUser", Map.of("paidOn", "2027-04-20", "amount", "3千万",
        "documentNo", "财金〔2027〕18号"))).hasMessageContaining("拨付金额：“3千万”不是金额");
    assertThat(ledger.transfers(SHENYANG)).isEmpty();
    assertThat(term).isWaitingAt("recordMinistryPayment").variables().doesNotContainKey("paidOn");

    complete(ministry, "mofUser", Map.of("paidOn", "2027-04-20", "amount", 30_000_000L,
        "documentNo", " 财金〔2027〕18号 "));

    Ledger.Transfer paid = ledger.transfers(SHENYANG).get(0);
    assertThat(paid.leg()).isEqualTo(Ledger.TransferLeg.MINISTRY_TO_PROVINCE);
    assertThat(paid.paidOn()).isEqualTo(LocalDate.of(2027, 4, 20));
    assertThat(paid.amount()).isEqualByComparingTo("30000000");
    assertThat(paid.documentNo()).isEqualTo("财金〔2027〕18号");
    assertThat(paid.sourceId()).isEqualTo(ministry.getId());
    assertThat(paid.recordedBy()).isEqualTo("mofUser");
    assertThat(term).isWaitingAt("recordProvincePayment").variables()
        .containsEntry("ministryPaidOn", "2027-04-20").containsEntry("ministryAmount", 30_000_000.0)
        .containsEntry("ministryDocumentNo", "财金〔2027〕18号")
        .doesNotContainKey("paidOn").doesNotContainKey("amount").doesNotContainKey("documentNo");
    Task province = task(term);
    assertThat(province).hasCandidateGroupAssociated("provincialFinance").hasName("省级财政转拨试点城市");
    assertThat(province.getDueDate()).isNull();
    assertThat(formKey(province)).isEqualTo("recordProvincePayment");

    ClockUtil.setCurrentTime(beijing(2027, 5, 8, 9, 0));
    assertRefused(() -> complete(province, "lnFinance", Map.of("paidOn", "2027-04-19", "amount", 29_999_999.99,
        "documentNo", "辽财金〔2027〕6号")))
        .hasMessageContaining("转拨日期：2027-04-19早于财政部拨付日期2027-04-20")
        .hasMessageContaining("转拨金额：须与核定的奖励资金30,000,000.00元一致（收到29,999,999.99元）");
    assertRefused(() -> complete(province, "lnFinance", Map.of("paidOn", "2027-05-07", "amount", 30_000_000.001,
        "documentNo", "辽财金〔2027〕6号"))).hasMessageContaining("转拨金额：最多精确到分");
    assertThat(ledger.transfers(SHENYANG)).hasSize(1);
    assertThat(ledger.receivedByCity(SHENYANG)).isZero();
    assertThat(task(term).getId()).isEqualTo(province.getId());

    complete(province, "lnFinance", Map.of("paidOn", "2027-05-07", "amount", 30_000_000,
        "documentNo", "辽财金〔2027〕6号"));

    Ledger.Transfer transferred = ledger.transfers(SHENYANG).get(1);
    assertThat(transferred.leg()).isEqualTo(Ledger.TransferLeg.PROVINCE_TO_CITY);
    assertThat(transferred.paidOn()).isEqualTo(LocalDate.of(2027, 5, 7));
    assertThat(transferred.recordedBy()).isEqualTo("lnFinance");
    assertThat(ledger.receivedByCity(SHENYANG)).isEqualByComparingTo("30000000");
    assertThat(term).isWaitingAt("reportFundUse").variables()
        .containsEntry("provincePaidOn", "2027-05-07").containsEntry("provinceDocumentNo", "辽财金〔2027〕6号")
        .containsEntry("fundsReceived", 30_000_000.0).containsEntry("fundsAvailable", 30_000_000.0);
    Task report = task(term);
    assertThat(report).hasCandidateGroupAssociated("city210100").hasName("报告奖励资金使用");
    assertThat(report.getDueDate()).isNull();
    assertThat(formKey(report)).isEqualTo("reportFundUse");
  }

  // ------------------------------------------------------------------ fund use

  @Test
  void fundUsesTheRulesRefuseRecordNothingAndKeepTheTaskOpen() {
    ProcessInstance term = reporting(shenyang());
    Task report = task(term);

    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("purpose", "OPERATING_EXPENSES"))))
        .hasMessageContaining("用途：“OPERATING_EXPENSES”不是奖励资金允许的用途（不允许：奖励资金只能用于信贷风险补偿或代偿，或政府性融资担保机构资本补充）");
    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("beneficiaryCreditCode", "91350100M000100Y44"))))
        .hasMessageContaining("受益主体统一社会信用代码：统一社会信用代码“91350100M000100Y44”校验位错误");
    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("beneficiaryCreditCode", "9135010"))))
        .hasMessageContaining("统一社会信用代码应为18位");
    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("amount", 30_000_000.01))))
        .hasMessageContaining("使用金额：30,000,000.01元超过尚未使用的奖励资金30,000,000.00元（城市已收到30,000,000.00元），"
            + "累计使用不得超过已收到的奖励资金");
    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("duplicateSupport", "YES"))))
        .hasMessageContaining("不得对同一主体重复安排资金支持：该受益主体已就同一事项享受小微企业融资担保降费奖补或中小企业信用担保代偿补偿资金支持");
    assertRefused(() -> complete(report, "lnShenyang", use(Map.of("usedOn", "2027-06-02", "amount", 0))))
        .hasMessageContaining("使用日期：2027-06-02晚于今天（2027-06-01）")
        .hasMessageContaining("使用金额：必须大于0（收到0）");
    Map<String, Object> empty = new HashMap<>();
    empty.put("reportKind", "USE");
    assertRefused(() -> complete(report, "lnShenyang", empty))
        .hasMessageContaining("用途：必须选择").hasMessageContaining("受益主体名称：必须填写")
        .hasMessageContaining("统一社会信用代码不能为空").hasMessageContaining("使用金额：必须填写")
        .hasMessageContaining("使用日期：必须填写").hasMessageContaining("请选择否、是之一");
    assertRefused(() -> complete(report, "lnShenyang", Map.of("reportKind", "MAYBE")))
        .hasMessageContaining("报告内容：请选择报告一笔资金使用、本年度资金使用已全部报告之一（收到“MAYBE”）");

    assertThat(ledger.fundUses(SHENYANG)).isEmpty();
    assertThat(ledger.usedFunds(SHENYANG)).isZero();
    assertThat(task(term).getId()).isEqualTo(report.getId());
    assertThat(term).isWaitingAt("reportFundUse").variables().doesNotContainKey("purpose").doesNotContainKey("fundUseId");
  }

  @Test
  void validUseIsRecordedAndCheckedByTheLocalBureau() {
    ProcessInstance term = reporting(shenyang());
    Task report = task(term);

    complete(report, "lnShenyang", use(Map.of("beneficiaryCreditCode", " " + GUARANTEE_COMPANY_CODE + " ")));

    Ledger.FundUse use = ledger.fundUses(SHENYANG).get(0);
    assertThat(use.purpose()).isEqualTo("GUARANTEE_CAPITAL");
    assertThat(use.beneficiaryName()).isEqualTo("沈阳市融资担保集团有限公司");
    assertThat(use.beneficiaryCreditCode()).isEqualTo(GUARANTEE_COMPANY_CODE);
    assertThat(use.amount()).isEqualByComparingTo("20000000");
    assertThat(use.usedOn()).isEqualTo(LocalDate.of(2027, 5, 28));
    assertThat(use.sourceId()).isEqualTo(report.getId());
    assertThat(use.recordedBy()).isEqualTo("lnShenyang");
    assertThat(term).isWaitingAt("verifyFundUse").variables()
        .containsEntry("fundUseId", use.id()).containsEntry("fundsUsed", 20_000_000.0)
        .containsEntry("fundsAvailable", 10_000_000.0).containsEntry("beneficiaryCreditCode", GUARANTEE_COMPANY_CODE);
    Task check = task(term);
    assertThat(check).hasCandidateGroupAssociated("mofLocalBureau").hasName("核查资金使用");
    assertThat(formKey(check)).isEqualTo("verifyFundUse");

    assertRefused(() -> complete(check, "lnBureau", Map.of("finding", "DUPLICATE_SUPPORT")))
        .hasMessageContaining("核查说明（存在重复支持时必填）：必须填写");
    assertRefused(() -> complete(check, "lnBureau", Map.of("finding", "FINE")))
        .hasMessageContaining("核查结论：请选择核查无误、存在重复支持之一");
    assertThat(ledger.fundUseChecks(SHENYANG)).isEmpty();

    complete(check, "lnBureau", Map.of("finding", "DUPLICATE_SUPPORT",
        "checkNote", "该公司2027年已获小微企业融资担保降费奖补资金500万元（财金〔2027〕9号）。"));

    Ledger.FundUseCheck finding = ledger.fundUseChecks(SHENYANG).get(0);
    assertThat(finding.fundUseId()).isEqualTo(use.id());
    assertThat(finding.finding()).isEqualTo("DUPLICATE_SUPPORT");
    assertThat(finding.note()).isEqualTo("该公司2027年已获小微企业融资担保降费奖补资金500万元（财金〔2027〕9号）。");
    assertThat(finding.checkedBy()).isEqualTo("lnBureau");
    assertThat(finding.sourceId()).isEqualTo(check.getId());
    assertThat(term).isWaitingAt("reportFundUse").variables()
        .containsEntry("lastFundUseCheck", "存在重复支持：政府性融资担保机构资本补充，沈阳市融资担保集团有限公司，"
            + "20,000,000.00元。核查说明：该公司2027年已获小微企业融资担保降费奖补资金500万元（财金〔2027〕9号）。")
        .doesNotContainKey("purpose").doesNotContainKey("amount").doesNotContainKey("fundUseId")
        .doesNotContainKey("finding").doesNotContainKey("checkNote");

    // the rest of the award: more than remains is refused, the rest itself is fine
    assertRefused(() -> complete(task(term), "lnShenyang", use(Map.of("amount", 10_000_000.01,
        "purpose", "RISK_COMPENSATION", "beneficiaryName", "沈阳某银行", "beneficiaryCreditCode", BANK_CODE))))
        .hasMessageContaining("超过尚未使用的奖励资金10,000,000.00元");
    complete(task(term), "lnShenyang", use(Map.of("amount", "10000000", "purpose", "RISK_COMPENSATION",
        "beneficiaryName", "沈阳某银行", "beneficiaryCreditCode", BANK_CODE)));
    complete(task(term), "lnBureau", Map.of("finding", "CONFIRMED"));

    assertThat(ledger.fundUses(SHENYANG)).extracting(Ledger.FundUse::purpose)
        .containsExactly("GUARANTEE_CAPITAL", "RISK_COMPENSATION");
    assertThat(ledger.fundUseChecks(SHENYANG)).extracting(Ledger.FundUseCheck::finding)
        .containsExactly("DUPLICATE_SUPPORT", "CONFIRMED");
    assertThat(ledger.fundUseChecks(SHENYANG).get(1).note()).isNull();
    assertThat(ledger.usedFunds(SHENYANG)).isEqualByComparingTo("30000000");
    assertThat(term).isWaitingAt("reportFundUse").variables().containsEntry("fundsAvailable", 0.0)
        .containsEntry("lastFundUseCheck", "核查无误：信贷风险补偿，沈阳某银行，10,000,000.00元");
  }

  // ------------------------------------------------------------------ year end and evaluation

  @Test
  void yearEndInterruptsReportingAndStartsTheEvaluation() {
    ProcessInstance term = reporting(shenyang());
    Job yearEnd = job(term, "evaluationYearStarted");
    assertThat(yearEnd.getDuedate()).isEqualTo(deadlines.afterYearEnd(2027));
    assertThat(yearEnd.getDuedate().toInstant().toString()).isEqualTo("2027-12-31T16:00:00Z");

    ClockUtil.setCurrentTime(beijing(2027, 12, 31, 23, 59));
    assertThat(termJobs(term, "evaluationYearStarted").executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2028, 1, 1, 0, 0));
    assertThat(termJobs(term, "evaluationYearStarted").executable().count()).isEqualTo(1);
    management().executeJob(yearEnd.getId());

    assertThat(term).hasPassed("evaluationYearStarted").hasNotPassed("fundUseReported", "awaitEvaluationYear")
        .isWaitingAt("evaluateYear");
    assertThat(taskService().createTaskQuery().processInstanceId(term.getId()).count()).isZero();
    ProcessInstance evaluation = called(term, "annualEvaluation");
    assertThat(evaluation.getBusinessKey()).isEqualTo(SHENYANG);
    assertThat(evaluation.getTenantId()).isEqualTo("210000");
    assertThat(evaluation).isWaitingAt("evaluationRunning").variables()
        .containsEntry("pilotKey", SHENYANG).containsEntry("evaluationDue", "2028-03-31")
        .containsEntry("cityGroup", "city210100").containsEntry("awardAmount", 30_000_000)
        .containsKey("indicatorTargets");
  }

  @Test
  void allReportedWaitsForTheYearEndThenThePilotPasses() {
    ProcessInstance term = reporting(shenyang());
    complete(task(term), "lnShenyang", use(Map.of()));
    complete(task(term), "lnBureau", Map.of("finding", "CONFIRMED", "checkNote", "已核对担保公司增资验资报告。"));
    assertThat(ledger.fundUseChecks(SHENYANG).get(0).note()).isEqualTo("已核对担保公司增资验资报告。");

    // "all reported" ignores whatever else arrived with it
    complete(task(term), "lnShenyang", Map.of("reportKind", "DONE", "purpose", "OPERATING_EXPENSES"));

    assertThat(term).hasPassed("fundUseReported").isWaitingAt("awaitEvaluationYear").variables()
        .containsEntry("reportKind", "DONE").doesNotContainKey("purpose");
    assertThat(ledger.fundUses(SHENYANG)).hasSize(1);
    Job wait = job(term, "awaitEvaluationYear");
    assertThat(wait.getDuedate()).isEqualTo(deadlines.afterYearEnd(2027));
    assertThat(job(term, "evaluationYearStarted"))
        .as("the year-end boundary timer went with the sub-process").isNull();

    ClockUtil.setCurrentTime(beijing(2028, 1, 1, 0, 0));
    management().executeJob(wait.getId());
    assertThat(term).isWaitingAt("evaluateYear");

    finishEvaluation(term, "PASS", 87.29);
    assertThat(term).isEnded().hasPassed("evaluateYear", "pilotSettled").hasNotPassed("recoverAward")
        .variables().containsEntry("outcome", "PASS").containsEntry("finalScore", 87.29);
  }

  @Test
  void revokedPilotRunsTheClawback() {
    ProcessInstance term = reporting(xian());
    ClockUtil.setCurrentTime(beijing(2028, 1, 1, 0, 0));
    management().executeJob(job(term, "evaluationYearStarted").getId());

    finishEvaluation(term, "REVOKE", 65.5);

    assertThat(term).hasPassed("evaluationOutcomeGateway").isWaitingAt("recoverAward").variables()
        .containsEntry("outcome", "REVOKE").containsEntry("finalScore", 65.5);
    ProcessInstance clawback = called(term, "clawback");
    assertThat(clawback.getBusinessKey()).isEqualTo(XIAN);
    assertThat(clawback.getTenantId()).isEqualTo("610000");
    assertThat(clawback).isWaitingAt("clawbackRunning").variables()
        .containsEntry("pilotKey", XIAN).containsEntry("cityGroup", "city610100")
        .containsEntry("fundingLevel", "CENTRAL").containsEntry("outcome", "REVOKE");

    runtime().signal(execution(clawback, "clawbackRunning"));
    assertThat(term).isEnded().hasPassed("recoverAward", "pilotRevoked").hasNotPassed("pilotSettled");
  }

  // ------------------------------------------------------------------ quarterly monitoring

  @Test
  void monitoringStartsAtTheEndOfEachRemainingQuarterOfThePilotYear() {
    ProcessInstance term = awarded(shenyang());
    Job cycle = job(term, "monitoredQuarterEnded");
    // selected on 2027-04-20: the second and third quarters are left (the fourth is the annual evaluation)
    assertThat(((TimerEntity) cycle).getRepeat()).isEqualTo("R1/2027-07-01T00:00:00+08:00/P3M");
    assertThat(cycle.getDuedate()).isEqualTo(beijing(2027, 7, 1, 0, 0));

    ClockUtil.setCurrentTime(beijing(2027, 6, 30, 23, 59));
    assertThat(termJobs(term, "monitoredQuarterEnded").executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 7, 1, 0, 5));
    management().executeJob(cycle.getId());

    // the term's own work goes on; the monitoring starts in a job of its own
    assertThat(term).hasPassed("monitoredQuarterEnded", "determineMonitoredQuarter")
        .isWaitingAt("recordMinistryPayment", "monitorQuarter");
    assertThat(job(term, "monitoredQuarterEnded").getDuedate()).isEqualTo(beijing(2027, 10, 1, 0, 0));
    assertThat(called(term, "quarterlyMonitoring")).isNull();
    executeJob(term, "monitorQuarter");

    ProcessInstance second = called(term, "quarterlyMonitoring");
    assertThat(second.getBusinessKey()).isEqualTo(SHENYANG + "-Q2");
    assertThat(second.getTenantId()).isEqualTo("210000");
    assertThat(second).isWaitingAt("monitoringRunning").variables()
        .containsEntry("quarter", 2).containsEntry("pilotKey", SHENYANG).containsEntry("cityGroup", "city210100")
        .containsEntry("applicantUnitName", "辽宁省").containsEntry("fundingLevel", "CENTRAL")
        .containsEntry("programYear", 2027).containsKey("indicatorTargets").doesNotContainKey("awardAmount");
    runtime().signal(execution(second, "monitoringRunning"));
    assertThat(term).hasPassed("quarterMonitored").isWaitingAt("recordMinistryPayment");
    assertThat(runtime().getVariables(term.getId())).as("the firing's own variables went with it")
        .doesNotContainKey("monitoredQuarter").doesNotContainKey("monitoringKey");

    ClockUtil.setCurrentTime(beijing(2027, 10, 1, 0, 5));
    executeJob(term, "monitoredQuarterEnded");
    executeJob(term, "monitorQuarter");
    ProcessInstance third = called(term, "quarterlyMonitoring");
    assertThat(third.getBusinessKey()).isEqualTo(SHENYANG + "-Q3");
    assertThat(third).isWaitingAt("monitoringRunning").variables().containsEntry("quarter", 3);
    assertThat(job(term, "monitoredQuarterEnded")).as("no quarter of 2027 is left to monitor").isNull();
  }

  @Test
  void aQuarterIsMonitoredOnceAndATermSelectedLateMonitorsNothing() {
    ProcessInstance term = awarded(shenyang());
    ClockUtil.setCurrentTime(beijing(2027, 7, 1, 0, 5));
    executeJob(term, "monitoredQuarterEnded");
    // the timer fires again for the same quarter (e.g. after a restart): the pending monitoring is found
    runtime().createProcessInstanceModification(term.getId()).startBeforeActivity("determineMonitoredQuarter").execute();
    assertThat(historyCount(term, "quarterNotMonitored")).isEqualTo(1);
    executeJob(term, "monitorQuarter");
    runtime().signal(execution(called(term, "quarterlyMonitoring"), "monitoringRunning"));
    // and once it has ended, the finished one is
    runtime().createProcessInstanceModification(term.getId()).startBeforeActivity("determineMonitoredQuarter").execute();
    assertThat(historyCount(term, "quarterNotMonitored")).isEqualTo(2);
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("quarterlyMonitoring").count()).isEqualTo(1);

    // selected after the third quarter: the timer fires once, at the year's end, and starts nothing
    ClockUtil.setCurrentTime(beijing(2027, 10, 10, 9, 0));
    ProcessInstance late = start(xian());
    Job cycle = job(late, "monitoredQuarterEnded");
    assertThat(((TimerEntity) cycle).getRepeat()).isEqualTo("R0/2028-01-01T00:00:00+08:00/P3M");
    assertThat(cycle.getDuedate()).isEqualTo(deadlines.afterYearEnd(2027));
    ClockUtil.setCurrentTime(beijing(2028, 1, 1, 0, 5));
    management().executeJob(cycle.getId());
    assertThat(late).hasPassed("quarterNotMonitored").hasNotPassed("monitorQuarter");
    assertThat(job(late, "monitoredQuarterEnded")).isNull();
    assertThat(called(late, "quarterlyMonitoring")).isNull();
  }

  // ------------------------------------------------------------------ provincial pilots

  @Test
  void provincialPilotIsPaidByItsProvinceAloneWhichAlsoChecksTheUses() {
    Map<String, Object> variables = xian();
    variables.put("fundingLevel", "PROVINCIAL");
    variables.put("pilotKey", XIAN_PROVINCIAL);
    ProcessInstance term = start(variables);
    assertThat(term.getBusinessKey()).isEqualTo(XIAN_PROVINCIAL);
    assertThat(term.getTenantId()).isEqualTo("610000");
    executeJob(term, "recordAward");

    // Shaanxi's own award standard for its provincial pilots
    Ledger.Award award = ledger.award(XIAN_PROVINCIAL).orElseThrow();
    assertThat(award.fundingLevel()).isEqualTo("PROVINCIAL");
    assertThat(award.amount()).isEqualByComparingTo("10000000");
    assertThat(term).hasPassed("fundingLevelGateway", "provincePaymentJoin").hasNotPassed("recordMinistryPayment")
        .isWaitingAt("recordProvincePayment");
    Task payment = task(term);
    assertThat(payment).hasCandidateGroupAssociated("provincialFinance");
    assertThat(payment.getDescription()).startsWith("西安市（陕西省）2027年度试点奖励资金：省级试点，省级财政部门以省级资金全额拨付");

    ClockUtil.setCurrentTime(beijing(2027, 5, 8, 9, 0));
    complete(payment, "sxFinance", Map.of("paidOn", "2027-05-07", "amount", 10_000_000, "documentNo", "陕财金〔2027〕9号"));
    assertThat(ledger.transfers(XIAN_PROVINCIAL)).extracting(Ledger.Transfer::leg)
        .containsExactly(Ledger.TransferLeg.PROVINCE_TO_CITY);
    assertThat(ledger.receivedByCity(XIAN_PROVINCIAL)).isEqualByComparingTo("10000000");

    ClockUtil.setCurrentTime(beijing(2027, 6, 1, 9, 30));
    complete(task(term), "sxXian", use(Map.of("amount", 6_000_000)));
    Task check = task(term);
    assertThat(check).hasCandidateGroupAssociated("provincialFinance").hasName("核查资金使用");
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(check.getId()))
        .noneMatch(link -> "mofLocalBureau".equals(link.getGroupId()));
    assertThat(check.getDescription()).contains("省级财政部门（省级试点）核查城市报告的这笔资金使用");
    complete(check, "sxFinance", Map.of("finding", "CONFIRMED"));

    assertThat(ledger.fundUseChecks(XIAN_PROVINCIAL)).singleElement()
        .satisfies(c -> assertThat(c.checkedBy()).isEqualTo("sxFinance"));
    assertThat(term).isWaitingAt("reportFundUse").variables().containsEntry("fundsAvailable", 4_000_000.0);
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, Object> shenyang() {
    return pilot("210000", "辽宁省", "210100", "沈阳市");
  }

  static Map<String, Object> xian() {
    return pilot("610000", "陕西省", "610100", "西安市");
  }

  /** What cityApplication's startPilotTerm passes (contract: money-half). */
  static Map<String, Object> pilot(String unitCode, String unitName, String cityCode, String cityName) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicantUnitCode", unitCode);
    variables.put("applicantUnitName", unitName);
    variables.put("cityCode", cityCode);
    variables.put("cityName", cityName);
    variables.put("cityGroup", "city" + cityCode);
    variables.put("programYear", 2027);
    variables.put("fundingLevel", "CENTRAL");
    variables.put("pilotKey", "2027-CENTRAL-" + cityCode);
    variables.put("selectionRank", 1);
    variables.put("indicatorTargets", Spin.JSON("[{\"code\":\"A1\",\"name\":\"普惠型小微企业贷款余额同比增量\","
        + "\"area\":\"A1\",\"points\":5,\"unit\":\"亿元\",\"baseline\":100,\"target\":120}]"));
    return variables;
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return runtime().startProcessInstanceByKey("pilotTerm", variables.get("pilotKey").toString(), variables);
  }

  /** Started and its award recorded: waiting for the ministry's payment. */
  private ProcessInstance awarded(Map<String, Object> variables) {
    ProcessInstance term = start(variables);
    executeJob(term, "recordAward");
    return term;
  }

  /** Paid in full down to the city, on 2027-06-01: waiting for the city's first report. */
  private ProcessInstance reporting(Map<String, Object> variables) {
    ProcessInstance term = awarded(variables);
    BigDecimal award = ledger.award(variables.get("pilotKey").toString()).orElseThrow().amount();
    complete(task(term), "mofUser", Map.of("paidOn", "2027-04-20", "amount", award.longValue(),
        "documentNo", "财金〔2027〕18号"));
    ClockUtil.setCurrentTime(beijing(2027, 5, 8, 9, 0));
    complete(task(term), "provinceUser", Map.of("paidOn", "2027-05-07", "amount", award.longValue(),
        "documentNo", "省财金〔2027〕6号"));
    ClockUtil.setCurrentTime(beijing(2027, 6, 1, 9, 30));
    assertThat(term).isWaitingAt("reportFundUse");
    return term;
  }

  /** A complete, allowed use of 20 million for a guarantee company's capital; entries replace fields. */
  private static Map<String, Object> use(Map<String, Object> changes) {
    Map<String, Object> use = new HashMap<>();
    use.put("reportKind", "USE");
    use.put("purpose", "GUARANTEE_CAPITAL");
    use.put("beneficiaryName", "沈阳市融资担保集团有限公司");
    use.put("beneficiaryCreditCode", GUARANTEE_COMPANY_CODE);
    use.put("amount", 20_000_000);
    use.put("usedOn", "2027-05-28");
    use.put("duplicateSupport", "NO");
    use.putAll(changes);
    return use;
  }

  private void complete(Task task, String user, Map<String, Object> variables) {
    // an official of the task's unit (the tenant check is on)
    processEngine.getIdentityService().setAuthentication(user, List.of(), List.of(task.getTenantId()));
    try {
      taskService().complete(task.getId(), variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private void finishEvaluation(ProcessInstance term, String outcome, double finalScore) {
    ProcessInstance evaluation = called(term, "annualEvaluation");
    runtime().signal(execution(evaluation, "evaluationRunning"), Map.of("outcome", outcome, "finalScore", finalScore));
  }

  private ProcessInstance called(ProcessInstance caller, String key) {
    return runtime().createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .processDefinitionKey(key).singleResult();
  }

  private String execution(ProcessInstance instance, String activityId) {
    Execution execution = runtime().createExecutionQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult();
    return execution.getId();
  }

  private JobQuery termJobs(ProcessInstance term, String activityId) {
    return management().createJobQuery().processInstanceId(term.getId()).activityId(activityId);
  }

  private Job job(ProcessInstance instance, String activityId) {
    return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }

  private void executeJob(ProcessInstance instance, String activityId) {
    management().executeJob(job(instance, activityId).getId());
  }

  private long historyCount(ProcessInstance instance, String activityId) {
    return processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(activityId).finished().count();
  }

  private int awardRows(String pilotKey) {
    return new JdbcTemplate(MoneyRecords.dataSource())
        .queryForObject("select count(*) from pc_award where pilot_key = ?", Integer.class, pilotKey);
  }

  private String formKey(Task task) {
    return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  private TaskService taskService() {
    return processEngine.getTaskService();
  }

  private ManagementService management() {
    return processEngine.getManagementService();
  }
}
