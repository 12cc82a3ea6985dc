package org.pilotcity.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
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
import org.pilotcity.evaluation.PrepareFundComplianceReview;
import org.pilotcity.forms.JsonVariables;
import org.pilotcity.funds.Ledger;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.support.MoneyRecords;

/**
 * The supervision of a pilot's use of funds (资金监督检查) through the engine with the real listeners, the
 * real reminder table and the ledger on the test database: Liaoning's local bureau checks Shenyang's 2027
 * pilot (30 million received, two uses reported, one of them checked) and demands corrections from the city.
 */
@Deployment(resources = {"processes/fundSupervision.bpmn", "processes/deadlineReminder.dmn",
    "forms/openFundSupervision.form", "forms/recordSupervisionFindings.form", "forms/reportCorrection.form",
    "forms/verifyCorrection.form", "forms/acknowledgeOverdue.form"})
class FundSupervisionProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  /** Monday 2027-06-07, 10:00 in Beijing. */
  static final Date NOW = beijing(2027, 6, 7, 10, 0);
  static final String SHENYANG = "2027-CENTRAL-210100";
  static final String XIAN_PROVINCIAL = "2027-PROVINCIAL-610100";
  static final String CREDIT_CODE = "91110000600037341L";
  static final String BUREAU = "mofLocalBureau";
  static final String PROVINCE = "provincialFinance";

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
    Mocks.register("openSupervisionCheck", new OpenSupervisionCheck(ledger));
    Mocks.register("prepareFundComplianceReview", new PrepareFundComplianceReview(ledger));
    Mocks.register("recordSupervisionFindings", new RecordSupervisionFindings());
    Mocks.register("openCorrection", new OpenCorrection());
    Mocks.register("validateCorrectionReport", new ValidateCorrectionReport());
    Mocks.register("recordCorrectionVerification", new RecordCorrectionVerification());
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
    shenyangPaidAndUsing();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
  }

  @Test
  void checkWithoutIssuesEndsWithTheFindingsOnRecord() {
    ProcessInstance check = open("lnBureau", BUREAU, "210000", request(" 2027-central-210100 "));

    assertThat(check.getTenantId()).isEqualTo("210000");
    assertThat(check.getBusinessKey()).isEqualTo(SHENYANG + "-1");
    assertThat(check).isWaitingAt("recordSupervisionFindings").variables()
        .containsEntry("pilotKey", SHENYANG).containsEntry("applicantUnitCode", "210000")
        .containsEntry("applicantUnitName", "辽宁省").containsEntry("cityCode", "210100")
        .containsEntry("cityName", "沈阳市").containsEntry("cityGroup", "city210100")
        .containsEntry("programYear", 2027).containsEntry("fundingLevel", "CENTRAL")
        .containsEntry("awardAmount", 30_000_000.0).containsEntry("initiator", "lnBureau")
        .containsEntry("fundUseSummaryText", "核定奖励资金30,000,000.00元；城市已收到30,000,000.00元；已报告使用2笔，共"
            + "25,000,000.00元，尚未使用5,000,000.00元。逐笔核查：已核查1笔（其中存在重复支持0笔），尚未核查1笔。");
    List<JsonNode> uses = JsonVariables.elements(runtime().getVariable(check.getId(), "fundUseRows"));
    assertThat(uses).extracting(row -> row.path("checkText").asText()).containsExactly("核查无误", "尚未核查");

    Task findings = task(check);
    assertThat(findings).hasCandidateGroupAssociated(BUREAU).hasName("记录检查发现");
    assertThat(findings.getDueDate()).as("the notice sets no deadline for a check").isNull();
    assertThat(findings.getDescription()).startsWith("沈阳市（辽宁省）2027年度试点奖励资金监督检查：");
    assertThat(formKey(findings)).isEqualTo("recordSupervisionFindings");
    assertThat(processEngine.getFormService().getStartFormData(check.getProcessDefinitionId())
        .getCamundaFormRef().getKey()).isEqualTo("openFundSupervision");

    complete(findings, "lnBureau", Map.of("supervisionConclusion", "NO_ISSUES",
        "supervisionFindings", "抽查两笔资金使用的拨付凭证和受益主体资料，未发现问题。"));

    assertThat(check).isEnded().hasPassed("supervisionClosedNoIssues").hasNotPassed("correctFindings")
        .variables().containsEntry("correctionCount", 0);
    // the pilot's next check is numbered on
    assertThat(open("lnBureau", BUREAU, "210000", request(SHENYANG)).getBusinessKey()).isEqualTo(SHENYANG + "-2");
  }

  @Test
  void twoCorrectionsOneAcceptedOneRejectedThenAccepted() {
    ProcessInstance check = open("lnBureau", BUREAU, "210000", request(SHENYANG));
    Map<String, Object> findings = findings("CORRECTIONS_REQUIRED");
    findings.put("correctionItem_1", "补齐风险补偿资金池的代偿台账。");
    findings.put("correctionDue_1", "2027-07-15");
    // an empty row in between is skipped: the third row becomes correction 2
    findings.put("correctionItem_3", "收回对同一主体重复安排的500万元并报告");
    findings.put("correctionDue_3", "2027-07-31");
    complete(task(check), "lnBureau", findings);

    assertThat(check).hasPassed("conclusionGateway").variables().containsEntry("correctionCount", 2);
    List<Task> corrections = cityTasks(check);
    assertThat(corrections).hasSize(2);
    Task first = corrections.get(0);
    Task second = corrections.get(1);
    assertThat(first).hasCandidateGroupAssociated("city210100").hasName("整改");
    assertThat(first.getTenantId()).isEqualTo("210000");
    assertThat(first.getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-15"));
    assertThat(first.getDueDate().toInstant().toString()).isEqualTo("2027-07-15T15:59:59Z");
    assertThat(first.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度试点奖励资金监督检查第1项整改：补齐风险补偿资金池的代偿台账。"
        + "城市财政部门于2027-07-15（北京时间当日24时）前完成整改，报告整改情况和完成日期，由检查人核实。");
    assertThat(second.getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-31"));
    assertThat(second.getDescription()).contains("第2项整改：收回对同一主体重复安排的500万元并报告。");
    assertThat(formKey(first)).isEqualTo("reportCorrection");

    ClockUtil.setCurrentTime(beijing(2027, 7, 1, 9, 0));
    complete(first, "lnShenyang", report("已建立代偿台账并报送。", "2027-06-30"));
    complete(second, "lnShenyang", report("已收回300万元，其余200万元正在催收。", "2027-07-01"));
    // each correction keeps its own report
    Task verifyFirst = verifyTask(check, 1);
    Task verifySecond = verifyTask(check, 2);
    assertThat(verifyFirst).hasCandidateGroupAssociated(BUREAU).hasName("核实整改");
    assertThat(verifyFirst.getDueDate()).isNull();
    assertThat(formKey(verifyFirst)).isEqualTo("verifyCorrection");
    assertThat(verifyFirst.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度试点奖励资金监督检查第1项整改（补齐风险补偿资金池的"
        + "代偿台账）：检查人核实城市报告的整改情况，通知未规定核实期限，故无到期日。整改到位的予以确认；不到位的写明原因退回城市，"
        + "原整改期限已过的须给出新的整改期限。");
    assertThat(taskService().getVariable(verifyFirst.getId(), "correctionReport")).isEqualTo("已建立代偿台账并报送。");
    assertThat(taskService().getVariable(verifySecond.getId(), "correctionReport")).isEqualTo("已收回300万元，其余200万元正在催收。");
    assertThat(runtime().getVariables(check.getId())).doesNotContainKeys("correctionReport", "correctionVerdict");

    complete(verifyFirst, "lnBureau", Map.of("correctionVerdict", "ACCEPTED", "verificationNote", "台账齐全。"));
    complete(verifySecond, "lnBureau", Map.of("correctionVerdict", "REJECTED",
        "verificationNote", "尚有200万元未收回。", "newCorrectionDue", "2027-08-15"));

    Task again = cityTasks(check).get(0);
    assertThat(cityTasks(check)).hasSize(1);
    assertThat(taskService().getVariable(again.getId(), "correctionNo")).isEqualTo(2);
    assertThat(again.getDueDate()).isEqualTo(deadlines.endOfDay("2027-08-15"));
    assertThat(again.getDescription()).contains("于2027-08-15（北京时间当日24时）前完成整改");
    assertThat(taskService().getVariables(again.getId()))
        .containsEntry("lastRejectionNote", "2027-07-01退回：尚有200万元未收回。")
        .containsEntry("correctionReport", "已收回300万元，其余200万元正在催收。")
        .containsEntry("correctionVerdict", null).containsEntry("newCorrectionDue", null)
        .containsEntry("correctionAccepted", false);
    // the timers of the returned task follow the new due date
    assertThat(jobs(check, "correctionOverdue")).extracting(Job::getDuedate)
        .containsExactly(deadlines.afterDeadline("2027-08-15"));

    ClockUtil.setCurrentTime(beijing(2027, 7, 20, 9, 0));
    complete(again, "lnShenyang", report("500万元已全部收回，缴款书附后。", "2027-07-20"));
    complete(verifyTask(check, 2), "lnBureau", Map.of("correctionVerdict", "ACCEPTED"));

    assertThat(check).isEnded().hasPassed("correctionAccepted", "correctionsCompleted")
        .hasNotPassed("supervisionClosedNoIssues", "escalateLateCorrection", "remindCorrection");
    assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(check.getId())
        .activityId("correctFinding").count()).isEqualTo(3);
  }

  @Test
  void lateCorrectionIsRemindedThenEscalatedAndStaysWithTheCity() {
    ProcessInstance check = open("lnBureau", BUREAU, "210000", request(SHENYANG));
    Map<String, Object> findings = findings("CORRECTIONS_REQUIRED");
    findings.put("correctionItem_1", "补齐代偿台账");
    findings.put("correctionDue_1", "2027-07-15");
    findings.put("correctionItem_2", "报告资金池合作银行名单");
    findings.put("correctionDue_2", "2027-07-31");
    complete(task(check), "lnBureau", findings);

    // 5 days before (deadlineReminder, CORRECTION), start of the day in Beijing
    Job reminder = jobs(check, "correctionReminder").get(0);
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 7, 10, 0, 0));
    ClockUtil.setCurrentTime(beijing(2027, 7, 10, 0, 0));
    management().executeJob(reminder.getId());

    Task late = cityTasks(check).get(0);
    Task onTime = cityTasks(check).get(1);
    assertThat(late.getPriority()).isEqualTo(80);
    assertThat(taskService().getTaskComments(late.getId())).extracting(Comment::getFullMessage)
        .containsExactly("到期提醒：“整改”请于2027年7月15日24时（北京时间）前完成。");
    // the other correction is not due yet: untouched
    assertThat(onTime.getPriority()).isEqualTo(50);
    assertThat(taskService().getTaskComments(onTime.getId())).isEmpty();
    assertThat(check).hasPassed("remindCorrection", "correctionReminded");

    Job overdue = jobs(check, "correctionOverdue").get(0);
    assertThat(overdue.getDuedate()).isEqualTo(deadlines.afterDeadline("2027-07-15"));
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-07-15T16:00:00Z");
    ClockUtil.setCurrentTime(beijing(2027, 7, 15, 23, 59));
    assertThat(executable(check, "correctionOverdue")).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 7, 16, 0, 0));
    assertThat(executable(check, "correctionOverdue")).isEqualTo(1);
    management().executeJob(overdue.getId());

    Task escalation = taskService().createTaskQuery().processInstanceId(check.getId())
        .taskDefinitionKey("escalateLateCorrection").singleResult();
    assertThat(escalation).hasCandidateGroupAssociated(BUREAU).hasName("逾期督办：整改未按期完成");
    assertThat(escalation.getDescription()).startsWith("沈阳市（辽宁省）2027年度试点奖励资金监督检查第1项整改（补齐代偿台账）"
        + "截至整改期限2027-07-15（北京时间当日24时）仍未完成。");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    // the city still has to correct
    assertThat(cityTasks(check)).extracting(Task::getId).containsExactly(late.getId(), onTime.getId());

    assertRefused(() -> complete(escalation, "lnBureau", Map.of())).hasMessageContaining("督办情况：必须填写");
    complete(escalation, "lnBureau", Map.of("overdueNote", "已电话督促沈阳市财政局，承诺7月20日前完成。"));
    assertThat(check).hasPassed("lateCorrectionEscalated");

    // reported late and returned: the passed due day must be replaced
    ClockUtil.setCurrentTime(beijing(2027, 7, 20, 9, 0));
    complete(late, "lnShenyang", report("代偿台账已补齐。", "2027-07-19"));
    Task verify = verifyTask(check, 1);
    assertRefused(() -> complete(verify, "lnBureau", Map.of("correctionVerdict", "REJECTED", "verificationNote", "缺2026年数据。")))
        .hasMessageContaining("新的整改期限：原整改期限2027-07-15已过，退回时须给出新的整改期限（晚于今天）");
    complete(verify, "lnBureau", Map.of("correctionVerdict", "REJECTED", "verificationNote", "缺2026年数据。",
        "newCorrectionDue", "2027-07-25"));
    Task returned = cityTasks(check).get(0);
    assertThat(returned.getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-25"));

    ClockUtil.setCurrentTime(beijing(2027, 7, 21, 9, 0));
    complete(returned, "lnShenyang", report("已补入2026年数据。", "2027-07-21"));
    complete(verifyTask(check, 1), "lnBureau", Map.of("correctionVerdict", "ACCEPTED"));
    complete(onTime, "lnShenyang", report("合作银行名单已报送。", "2027-07-21"));
    complete(verifyTask(check, 2), "lnBureau", Map.of("correctionVerdict", "ACCEPTED"));
    assertThat(check).isEnded().hasPassed("correctionsCompleted");
  }

  @Test
  void badStartIsRefusedAndCreatesNothing() {
    assertRefused(() -> open("lnBureau", BUREAU, "210000", request("2027-CENTRAL-210300")))
        .hasMessageContaining("试点编号：本单位没有试点2027-CENTRAL-210300（只能检查本单位已核定奖励资金的试点）");
    // another unit's pilot reads the same as an unknown one
    assertRefused(() -> open("sxBureau", BUREAU, "610000", request(SHENYANG)))
        .hasMessageContaining("试点编号：本单位没有试点2027-CENTRAL-210100");
    Map<String, Object> bad = request("沈阳 2027");
    bad.put("supervisionReason", "WEEKLY");
    bad.put("supervisionScope", " ");
    assertRefused(() -> open("lnBureau", BUREAU, "210000", bad))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("检查类型：请选择日常监督检查、专项检查、问题线索核查之一（收到“WEEKLY”）")
        .hasMessageContaining("检查事由和范围：必须填写")
        .hasMessageContaining("试点编号：“沈阳 2027”格式不对");
    Map<String, Object> tooLong = request(SHENYANG);
    tooLong.put("supervisionScope", "查".repeat(2001));
    assertRefused(() -> open("lnBureau", BUREAU, "210000", tooLong))
        .hasMessageContaining("检查事由和范围：不能超过2000个字符（现为2001个）");
    assertRefused(() -> open("lnBureau", BUREAU, "210000", request(" ")))
        .hasMessageContaining("试点编号：必须填写");
    // provincial finance does not check a central pilot's funds
    assertRefused(() -> open("lnFinance", PROVINCE, "210000", request(SHENYANG)))
        .hasMessageContaining("发起人：中央财政试点的资金监督检查由财政部当地监管局发起");
    // no unit at all (neither a unit's user nor applicantUnitCode)
    assertRefused(() -> runtime().startProcessInstanceByKey("fundSupervision", request(SHENYANG)))
        .hasMessageContaining("申报单位：资金监督检查必须属于一个申报单位");
    // nor for another unit by naming it
    Map<String, Object> forOtherUnit = request(SHENYANG);
    forOtherUnit.put("applicantUnitCode", "610000");
    assertRefused(() -> open("lnBureau", BUREAU, "210000", forOtherUnit))
        .hasMessageContaining("无权为申报单位 610000 发起流程");

    assertThat(runtime().createProcessInstanceQuery().count()).isZero();
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    assertThat(taskService().createTaskQuery().count()).isZero();
  }

  @Test
  void badFindingsAreRefusedAndTheTaskStays() {
    ProcessInstance check = open("lnBureau", BUREAU, "210000", request(SHENYANG));
    Task findings = task(check);

    assertRefused(() -> complete(findings, "lnBureau", Map.of("supervisionConclusion", "MAYBE")))
        .hasMessageContaining("检查结论：请选择未发现问题、发现问题，须整改之一（收到“MAYBE”）")
        .hasMessageContaining("检查发现：必须填写");
    assertRefused(() -> complete(findings, "lnBureau", findings("CORRECTIONS_REQUIRED")))
        .hasMessageContaining("整改事项：结论为发现问题须整改时，至少填写一项整改要求和整改期限");

    Map<String, Object> halfFilled = findings("CORRECTIONS_REQUIRED");
    halfFilled.put("correctionItem_1", "补齐台账");
    halfFilled.put("correctionDue_2", "2027-07-15");
    halfFilled.put("correctionItem_3", "今天到期");
    halfFilled.put("correctionDue_3", "2027-06-07");
    halfFilled.put("correctionItem_4", "格式不对");
    halfFilled.put("correctionDue_4", "15.07.2027");
    halfFilled.put("correctionItem_5", "长".repeat(501));
    halfFilled.put("correctionDue_5", "2027-07-15");
    assertRefused(() -> complete(findings, "lnBureau", halfFilled))
        .hasMessageContaining("第1项整改：整改要求和整改期限须同时填写（不需要的行请全部清空）")
        .hasMessageContaining("第2项整改：整改要求和整改期限须同时填写")
        .hasMessageContaining("第3项整改期限：2027-06-07须晚于今天（2027-06-07）")
        .hasMessageContaining("第4项整改期限：“15.07.2027”不是有效日期")
        .hasMessageContaining("第5项整改要求：不能超过500个字符（现为501个）");

    Map<String, Object> noIssuesButRows = findings("NO_ISSUES");
    noIssuesButRows.put("correctionItem_1", "补齐台账");
    noIssuesButRows.put("correctionDue_1", "2027-07-15");
    assertRefused(() -> complete(findings, "lnBureau", noIssuesButRows))
        .hasMessageContaining("整改事项：结论为未发现问题时不能填写整改事项");

    assertThat(task(check).getId()).isEqualTo(findings.getId());
    assertThat(check).isWaitingAt("recordSupervisionFindings").variables()
        .doesNotContainKeys("correctionCount", "corrections", "supervisionConclusion", "correctionItem_1");
  }

  @Test
  void badCorrectionReportAndVerificationAreRefused() {
    ProcessInstance check = open("lnBureau", BUREAU, "210000", request(SHENYANG));
    Map<String, Object> findings = findings("CORRECTIONS_REQUIRED");
    findings.put("correctionItem_1", "补齐代偿台账");
    findings.put("correctionDue_1", "2027-07-15");
    complete(task(check), "lnBureau", findings);
    Task correct = cityTasks(check).get(0);

    assertRefused(() -> complete(correct, "lnShenyang", Map.of()))
        .hasMessageContaining("整改情况：必须填写").hasMessageContaining("整改完成日期：必须填写");
    assertRefused(() -> complete(correct, "lnShenyang", report("已补齐。", "2027-06-08")))
        .hasMessageContaining("整改完成日期：2027-06-08晚于今天（2027-06-07），只能报告已完成的整改");
    assertThat(cityTasks(check)).extracting(Task::getId).containsExactly(correct.getId());

    complete(correct, "lnShenyang", report("已补齐。", "2027-06-07"));
    Task verify = verifyTask(check, 1);
    assertRefused(() -> complete(verify, "lnBureau", Map.of()))
        .hasMessageContaining("核实结论：请选择整改到位、整改不到位，退回城市之一");
    assertRefused(() -> complete(verify, "lnBureau", Map.of("correctionVerdict", "REJECTED")))
        .hasMessageContaining("退回原因（整改不到位时必填）：必须填写");
    assertRefused(() -> complete(verify, "lnBureau", Map.of("correctionVerdict", "REJECTED",
        "verificationNote", "不全", "newCorrectionDue", "2027-06-07")))
        .hasMessageContaining("新的整改期限：2027-06-07须晚于今天（2027-06-07）");
    assertRefused(() -> complete(verify, "lnBureau", Map.of("correctionVerdict", "ACCEPTED",
        "newCorrectionDue", "2027-08-01")))
        .hasMessageContaining("新的整改期限：整改到位时不填写新的整改期限");
    assertThat(taskService().createTaskQuery().taskId(verify.getId()).count()).isEqualTo(1);

    // returned keeping the due day that has not passed
    complete(verify, "lnBureau", Map.of("correctionVerdict", "REJECTED", "verificationNote", "缺2026年数据。"));
    assertThat(cityTasks(check).get(0).getDueDate()).isEqualTo(deadlines.endOfDay("2027-07-15"));
  }

  @Test
  void provincialPilotIsCheckedByProvincialFinance() {
    ledger.grantAward(new Ledger.Award(XIAN_PROVINCIAL, "610000", "陕西省", "610100", "西安市", 2027, "PROVINCIAL",
        "WEST", new BigDecimal("10000000.00"), "pilotTermXian", null));

    assertRefused(() -> open("sxBureau", BUREAU, "610000", request(XIAN_PROVINCIAL)))
        .hasMessageContaining("发起人：省级试点的资金监督检查由省级财政部门发起");
    ProcessInstance check = open("sxFinance", PROVINCE, "610000", request(XIAN_PROVINCIAL));

    assertThat(check.getTenantId()).isEqualTo("610000");
    assertThat(check.getBusinessKey()).isEqualTo(XIAN_PROVINCIAL + "-1");
    assertThat(task(check)).hasCandidateGroupAssociated(PROVINCE);
    assertThat(check).variables().containsEntry("fundingLevel", "PROVINCIAL").containsEntry("cityGroup", "city610100")
        .containsEntry("fundUseSummaryText", "核定奖励资金10,000,000.00元；城市已收到0.00元；已报告使用0笔，共0.00元，"
            + "尚未使用0.00元。逐笔核查：已核查0笔（其中存在重复支持0笔），尚未核查0笔。");
    Map<String, Object> findings = findings("CORRECTIONS_REQUIRED");
    findings.put("correctionItem_1", "尽快拨付并建立资金使用台账");
    findings.put("correctionDue_1", "2027-07-15");
    complete(task(check), "sxFinance", findings);

    Task correct = cityTasks(check).get(0);
    assertThat(correct).hasCandidateGroupAssociated("city610100");
    complete(correct, "xaFinance", report("已建立台账。", "2027-06-07"));
    Task verify = verifyTask(check, 1);
    assertThat(verify).hasCandidateGroupAssociated(PROVINCE);
    complete(verify, "sxFinance", Map.of("correctionVerdict", "ACCEPTED"));
    assertThat(check).isEnded().hasPassed("correctionsCompleted");
  }

  // ------------------------------------------------------------------ helpers

  /** Shenyang's 2027 pilot: awarded, paid down to the city, two uses reported, the first one checked. */
  private void shenyangPaidAndUsing() {
    BigDecimal award = new BigDecimal("30000000.00");
    ledger.grantAward(new Ledger.Award(SHENYANG, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        award, "pilotTermShenyang", null));
    ledger.recordTransfer(SHENYANG, Ledger.TransferLeg.MINISTRY_TO_PROVINCE, award, LocalDate.of(2027, 4, 20),
        "财金〔2027〕18号", "ministryTask", "mofUser");
    ledger.recordTransfer(SHENYANG, Ledger.TransferLeg.PROVINCE_TO_CITY, award, LocalDate.of(2027, 5, 7),
        "辽财金〔2027〕6号", "provinceTask", "lnFinance");
    Ledger.FundUse capital = ledger.recordFundUse(new Ledger.FundUse(null, SHENYANG, "GUARANTEE_CAPITAL",
        "沈阳市融资担保集团有限公司", CREDIT_CODE, new BigDecimal("20000000"), LocalDate.of(2027, 5, 20), "use1",
        "lnShenyang", null));
    ledger.recordFundUse(new Ledger.FundUse(null, SHENYANG, "RISK_COMPENSATION", "沈阳市小微企业信贷风险补偿资金池",
        CREDIT_CODE, new BigDecimal("5000000"), LocalDate.of(2027, 6, 1), "use2", "lnShenyang", null));
    ledger.recordFundUseCheck(capital.id(), Ledger.CONFIRMED, null, "lnBureau", "check1");
  }

  private static Map<String, Object> request(String pilotKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("pilotKey", pilotKey);
    variables.put("supervisionReason", "ROUTINE");
    variables.put("supervisionScope", "2027年上半年奖励资金的拨付和使用，抽查受益主体资料。");
    return variables;
  }

  private static Map<String, Object> findings(String conclusion) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("supervisionConclusion", conclusion);
    variables.put("supervisionFindings", "风险补偿资金池代偿台账不全；一笔资金对同一主体重复安排。");
    return variables;
  }

  private static Map<String, Object> report(String text, String correctedOn) {
    return Map.of("correctionReport", text, "correctedOn", correctedOn);
  }

  private ProcessInstance open(String user, String group, String unit, Map<String, Object> variables) {
    processEngine.getIdentityService().setAuthentication(user, List.of(group), List.of(unit));
    try {
      return runtime().startProcessInstanceByKey("fundSupervision", variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private void complete(Task task, String user, Map<String, Object> variables) {
    processEngine.getIdentityService().setAuthentication(user, List.of(), List.of(task.getTenantId()));
    try {
      taskService().complete(task.getId(), variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  /** The city's open correction tasks, by correction number. */
  private List<Task> cityTasks(ProcessInstance check) {
    return taskService().createTaskQuery().processInstanceId(check.getId()).taskDefinitionKey("correctFinding").list()
        .stream().sorted(Comparator.comparing(t -> (Integer) taskService().getVariable(t.getId(), "correctionNo")))
        .toList();
  }

  private Task verifyTask(ProcessInstance check, int correctionNo) {
    return taskService().createTaskQuery().processInstanceId(check.getId()).taskDefinitionKey("verifyCorrection").list()
        .stream().filter(t -> Integer.valueOf(correctionNo).equals(taskService().getVariable(t.getId(), "correctionNo")))
        .findFirst().orElseThrow();
  }

  private List<Job> jobs(ProcessInstance check, String activityId) {
    return management().createJobQuery().processInstanceId(check.getId()).activityId(activityId).orderByJobDuedate()
        .asc().list();
  }

  private long executable(ProcessInstance check, String activityId) {
    return management().createJobQuery().processInstanceId(check.getId()).activityId(activityId).executable().count();
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
