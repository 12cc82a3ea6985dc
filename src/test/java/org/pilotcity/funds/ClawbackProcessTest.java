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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.calendar.ValidateOverdueNote;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.support.MoneyRecords;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recovery of a revoked pilot's award (追回奖励资金) through the engine with the real listeners, the
 * real tables and the ledger on the test database: Shenyang's 2027 pilot scored 65.5, the city received the
 * whole 30 million and must repay it within the table's 90 days.
 */
@Deployment(resources = {"processes/clawback.bpmn", "forms/recordRepayment.form", "forms/verifyRepayment.form",
    "forms/acknowledgeOverdue.form", "processes/recoveryLeadTime.dmn", "processes/deadlineReminder.dmn"})
class ClawbackProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  /** Saturday 2028-04-15, 10:00 in Beijing: the evaluation revoked the pilot; the clawback starts. */
  static final Date NOW = beijing(2028, 4, 15, 10, 0);
  static final String SHENYANG = "2027-CENTRAL-210100";
  /** 90 days (recoveryLeadTime, CENTRAL) after 2028-04-15. */
  static final String REPAYMENT_DUE = "2028-07-14";

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
    Mocks.register("openClawback", new OpenClawback(ledger));
    Mocks.register("checkRepayment", new CheckRepayment(ledger));
    Mocks.register("recordVerifiedRepayment", new RecordVerifiedRepayment(ledger));
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
  }

  @Test
  void partialThenFullRepaymentEndsWithNothingLeft() {
    ProcessInstance clawback = opened(revoked(SHENYANG, true));

    Ledger.Clawback opened = ledger.clawback(SHENYANG).orElseThrow();
    assertThat(opened.amountDue()).isEqualByComparingTo("30000000");
    assertThat(opened.dueDate()).isEqualTo(LocalDate.parse(REPAYMENT_DUE));
    assertThat(opened.processInstanceId()).isEqualTo(clawback.getId());
    assertThat(clawback.getTenantId()).isEqualTo("210000");
    assertThat(clawback).hasPassed("determineRepaymentTerm", "openClawback").isWaitingAt("recordRepayment")
        .variables().containsEntry("repaymentDays", 90).containsEntry("repaymentDue", REPAYMENT_DUE)
        .containsEntry("amountDue", 30_000_000.0).containsEntry("clawbackBalance", 30_000_000.0);
    Task repay = task(clawback);
    assertThat(repay).hasCandidateGroupAssociated("city210100").hasName("缴回奖励资金");
    assertThat(repay.getDueDate()).isEqualTo(deadlines.endOfDay(REPAYMENT_DUE));
    assertThat(repay.getDueDate().toInstant().toString()).isEqualTo("2028-07-14T15:59:59Z");
    assertThat(formKey(repay)).isEqualTo("recordRepayment");

    ClockUtil.setCurrentTime(beijing(2028, 5, 10, 9, 0));
    complete(repay, "lnShenyang", repayment(10_000_000, "2028-05-09", "国库缴款书0001"));
    assertThat(ledger.repayments(SHENYANG)).as("nothing is recorded before the bureau verifies").isEmpty();
    Task verify = task(clawback);
    assertThat(verify).hasCandidateGroupAssociated("mofLocalBureau").hasName("核实缴回款项");
    assertThat(verify.getDueDate()).isEqualTo(deadlines.endOfDay(REPAYMENT_DUE));
    assertThat(formKey(verify)).isEqualTo("verifyRepayment");
    complete(verify, "lnBureau", Map.of("repaymentDecision", "CONFIRM"));

    Ledger.Repayment first = ledger.repayments(SHENYANG).get(0);
    assertThat(first.amount()).isEqualByComparingTo("10000000");
    assertThat(first.paidOn()).isEqualTo(LocalDate.of(2028, 5, 9));
    assertThat(first.verifiedBy()).isEqualTo("lnBureau");
    assertThat(first.sourceId()).isEqualTo(verify.getId());
    assertThat(ledger.clawbackBalance(SHENYANG)).isEqualByComparingTo("20000000");
    assertThat(clawback).hasPassed("balanceClearedGateway").isWaitingAt("recordRepayment").variables()
        .containsEntry("clawbackBalance", 20_000_000.0).doesNotContainKey("amount").doesNotContainKey("paidOn")
        .doesNotContainKey("voucherNo").doesNotContainKey("repaymentDecision");

    complete(task(clawback), "lnShenyang", repayment(19_999_999.5, "2028-05-10", "国库缴款书0002"));
    complete(task(clawback), "lnBureau", Map.of("repaymentDecision", "CONFIRM"));
    complete(task(clawback), "lnShenyang", repayment("0.50", "2028-05-10", "国库缴款书0003"));
    complete(task(clawback), "lnBureau", Map.of("repaymentDecision", "CONFIRM"));

    assertThat(ledger.clawbackBalance(SHENYANG)).isZero();
    assertThat(ledger.repayments(SHENYANG)).extracting(Ledger.Repayment::amount)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("10000000"), new BigDecimal("19999999.50"), new BigDecimal("0.50"));
    assertThat(clawback).isEnded().hasPassed("repaymentPeriodDone", "clawbackCompleted")
        .hasNotPassed("escalateOverdueRepayment", "nothingToRecover");
  }

  @Test
  void rejectedRepaymentRecordsNothingAndTheCitySeesWhy() {
    ProcessInstance clawback = opened(revoked(SHENYANG, true));
    complete(task(clawback), "lnShenyang", repayment(30_000_000, "2028-04-15", "国库缴款书0001"));
    Task verify = task(clawback);

    assertRefused(() -> complete(verify, "lnBureau", Map.of("repaymentDecision", "REJECT")))
        .hasMessageContaining("退回原因：必须填写");
    assertRefused(() -> complete(verify, "lnBureau", Map.of()))
        .hasMessageContaining("核实结论：请选择核实无误，已到账、未到账或有误，退回城市之一");
    complete(verify, "lnBureau", Map.of("repaymentDecision", "REJECT", "rejectionNote", "国库未收到该笔款项，请核对缴款书。"));

    assertThat(ledger.repayments(SHENYANG)).isEmpty();
    assertThat(ledger.clawbackBalance(SHENYANG)).isEqualByComparingTo("30000000");
    assertThat(clawback).isWaitingAt("recordRepayment").variables()
        .containsEntry("clawbackBalance", 30_000_000.0)
        .containsEntry("lastRejectionNote", "30,000,000.00元于2028-04-15缴款（凭证号国库缴款书0001）：国库未收到该笔款项，请核对缴款书。")
        .doesNotContainKey("amount").doesNotContainKey("rejectionNote").doesNotContainKey("repaymentDecision");

    // entered again and confirmed: the reason is gone with it
    ClockUtil.setCurrentTime(beijing(2028, 4, 17, 9, 0));
    complete(task(clawback), "lnShenyang", repayment(30_000_000, "2028-04-16", "国库缴款书0002"));
    complete(task(clawback), "lnBureau", Map.of("repaymentDecision", "CONFIRM"));
    assertThat(ledger.repayments(SHENYANG)).hasSize(1);
    assertThat(clawback).isEnded().hasPassed("clawbackCompleted").variables().doesNotContainKey("lastRejectionNote");
  }

  @Test
  void repaymentEntryIsCheckedInFull() {
    ProcessInstance clawback = opened(revoked(SHENYANG, true));
    Task repay = task(clawback);

    assertRefused(() -> complete(repay, "lnShenyang", repayment(30_000_000.01, "2028-04-16", " ")))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("本次缴回金额：30,000,000.01元超过尚未缴回的余额30,000,000.00元")
        .hasMessageContaining("缴款日期：2028-04-16晚于今天（2028-04-15）")
        .hasMessageContaining("缴款凭证号：必须填写");
    assertRefused(() -> complete(repay, "lnShenyang", repayment(-5, "15.04.2028", "凭证")))
        .hasMessageContaining("本次缴回金额：必须大于0（收到-5）")
        .hasMessageContaining("缴款日期：“15.04.2028”不是有效日期");
    assertRefused(() -> complete(repay, "lnShenyang", Map.of()))
        .hasMessageContaining("本次缴回金额：必须填写").hasMessageContaining("缴款日期：必须填写");

    assertThat(clawback).isWaitingAt("recordRepayment").variables().doesNotContainKey("amount");
    assertThat(task(clawback).getId()).isEqualTo(repay.getId());
    assertThat(ledger.repayments(SHENYANG)).isEmpty();
  }

  @Test
  void overdueRepaymentIsEscalatedToTheMinistryAtTheEndOfTheDueDayInBeijing() {
    ProcessInstance clawback = opened(revoked(SHENYANG, true));
    Job overdue = job(clawback, "repaymentOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(deadlines.afterDeadline(REPAYMENT_DUE));
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2028-07-14T16:00:00Z");

    ClockUtil.setCurrentTime(beijing(2028, 7, 14, 23, 59));
    assertThat(executable(clawback, "repaymentOverdue")).isZero();
    ClockUtil.setCurrentTime(beijing(2028, 7, 15, 0, 0));
    assertThat(executable(clawback, "repaymentOverdue")).isEqualTo(1);
    management().executeJob(overdue.getId());

    Task escalation = taskService().createTaskQuery().processInstanceId(clawback.getId())
        .taskDefinitionKey("escalateOverdueRepayment").singleResult();
    assertThat(escalation).hasCandidateGroupAssociated("mof").hasName("逾期督办：奖励资金未按时缴回");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    // the city still has to repay
    assertThat(clawback).isWaitingAt("recordRepayment", "escalateOverdueRepayment");

    assertRefused(() -> complete(escalation, "mofUser", Map.of())).hasMessageContaining("督办情况：必须填写");
    complete(escalation, "mofUser", Map.of("overdueNote", "已约谈沈阳市财政局，承诺7月底前缴清。"));
    assertThat(clawback).hasPassed("repaymentEscalated").isWaitingAt("recordRepayment");

    ClockUtil.setCurrentTime(beijing(2028, 7, 21, 9, 0));
    complete(task(clawback), "lnShenyang", repayment(30_000_000, "2028-07-20", "国库缴款书0009"));
    complete(task(clawback), "lnBureau", Map.of("repaymentDecision", "CONFIRM"));
    assertThat(clawback).isEnded().hasPassed("clawbackCompleted");
  }

  @Test
  void reminderBeforeTheDueDateRaisesTheOpenTask() {
    ProcessInstance clawback = opened(revoked(SHENYANG, true));
    Job reminder = job(clawback, "repaymentReminder");
    // 7 days before (deadlineReminder, REPAYMENT), start of the day in Beijing
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2028, 7, 7, 0, 0));

    ClockUtil.setCurrentTime(beijing(2028, 7, 7, 0, 0));
    management().executeJob(reminder.getId());

    Task repay = task(clawback);
    assertThat(repay.getPriority()).isEqualTo(80);
    List<Comment> comments = taskService().getTaskComments(repay.getId());
    assertThat(comments).extracting(Comment::getFullMessage)
        .containsExactly("到期提醒：“缴回奖励资金”请于2028年7月14日24时（北京时间）前完成。");
    assertThat(clawback).hasPassed("remindRepayment", "repaymentReminded").isWaitingAt("recordRepayment");
  }

  @Test
  void clawbackIsOpenedOnceEvenWhenTheJobRuns() {
    ProcessInstance clawback = revoked(SHENYANG, true);
    assertThat(clawback).isWaitingAt("openClawback");
    // a first attempt opened it (on 2028-04-14), then failed after: the retry finds it and keeps its due date
    ledger.openClawback(SHENYANG, LocalDate.parse("2028-07-13"), clawback.getId());

    management().executeJob(job(clawback, "openClawback").getId());

    assertThat(clawbackRows(SHENYANG)).isEqualTo(1);
    assertThat(clawback).isWaitingAt("recordRepayment").variables().containsEntry("repaymentDue", "2028-07-13");

    // another clawback of the same pilot cannot open a second one
    ProcessInstance second = start(SHENYANG);
    Throwable refused = catchThrowable(() -> management().executeJob(job(second, "openClawback").getId()));
    assertThat(refused).isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复追回");
    assertThat(second).isWaitingAt("openClawback");
    assertThat(clawbackRows(SHENYANG)).isEqualTo(1);
    assertThat(ledger.clawback(SHENYANG).orElseThrow().processInstanceId()).isEqualTo(clawback.getId());
  }

  @Test
  void cityThatReceivedNothingHasNothingToRepay() {
    ProcessInstance clawback = opened(revoked(SHENYANG, false));

    assertThat(ledger.clawback(SHENYANG).orElseThrow().amountDue()).isZero();
    assertThat(clawback).isEnded().hasPassed("nothingToRecover").hasNotPassed("recordRepayment", "clawbackCompleted")
        .variables().containsEntry("amountDue", 0.0).containsEntry("clawbackBalance", 0.0);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The ledger as the pilot term and the evaluation leave it: awarded, paid (down to the city, when the city
   * received it) and settled REVOKE; then the clawback started as the pilot term's call activity would.
   */
  private ProcessInstance revoked(String pilotKey, boolean cityReceived) {
    ClockUtil.setCurrentTime(beijing(2027, 5, 8, 9, 0));
    BigDecimal award = new BigDecimal("30000000.00");
    ledger.grantAward(new Ledger.Award(pilotKey, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        award, "pilotTermInstance", null));
    ledger.recordTransfer(pilotKey, Ledger.TransferLeg.MINISTRY_TO_PROVINCE, award, LocalDate.of(2027, 4, 20),
        "财金〔2027〕18号", "ministryTask", "mofUser");
    if (cityReceived) {
      ledger.recordTransfer(pilotKey, Ledger.TransferLeg.PROVINCE_TO_CITY, award, LocalDate.of(2027, 5, 7),
          "辽财金〔2027〕6号", "provinceTask", "lnFinance");
    }
    ClockUtil.setCurrentTime(NOW);
    ledger.settle(new Ledger.Settlement(pilotKey, 2027, new BigDecimal("65.5"), Ledger.REVOKE, "PROVINCIAL",
        "evaluationInstance", null));
    return start(pilotKey);
  }

  private ProcessInstance start(String pilotKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("applicantUnitCode", "210000");
    variables.put("applicantUnitName", "辽宁省");
    variables.put("cityCode", "210100");
    variables.put("cityName", "沈阳市");
    variables.put("cityGroup", "city210100");
    variables.put("programYear", 2027);
    variables.put("fundingLevel", "CENTRAL");
    variables.put("pilotKey", pilotKey);
    variables.put("outcome", "REVOKE");
    variables.put("finalScore", 65.5);
    return runtime().startProcessInstanceByKey("clawback", pilotKey, variables);
  }

  /** The notice issued: the openClawback job has run. */
  private ProcessInstance opened(ProcessInstance clawback) {
    management().executeJob(job(clawback, "openClawback").getId());
    return clawback;
  }

  private static Map<String, Object> repayment(Object amount, String paidOn, String voucherNo) {
    return Map.of("amount", amount, "paidOn", paidOn, "voucherNo", voucherNo);
  }

  private void complete(Task task, String user, Map<String, Object> variables) {
    processEngine.getIdentityService().setAuthentication(user, List.of(), List.of(task.getTenantId()));
    try {
      taskService().complete(task.getId(), variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private Job job(ProcessInstance instance, String activityId) {
    return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }

  private long executable(ProcessInstance instance, String activityId) {
    return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .executable().count();
  }

  private int clawbackRows(String pilotKey) {
    return new JdbcTemplate(MoneyRecords.dataSource())
        .queryForObject("select count(*) from pc_clawback where pilot_key = ?", Integer.class, pilotKey);
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
