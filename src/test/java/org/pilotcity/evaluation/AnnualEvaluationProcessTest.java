package org.pilotcity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
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
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.calendar.ValidateOverdueNote;
import org.pilotcity.funds.CreditCode;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Award;
import org.pilotcity.funds.Ledger.FundUse;
import org.pilotcity.funds.Ledger.PublishedResult;
import org.pilotcity.funds.Ledger.TransferLeg;
import org.pilotcity.funds.LedgerRefusal;
import org.pilotcity.monitoring.MonitoringRecords;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.Indicator;
import org.pilotcity.rules.IndicatorCatalogue;
import org.pilotcity.rules.IndicatorScoring;
import org.pilotcity.support.MoneyRecords;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of the annual evaluation (年度绩效评价), driven through the engine with the real listeners and
 * delegates, the real decision tables and the money records' tables. Only the random draw of the
 * spot-check suggestion is scripted.
 */
@Deployment(resources = {"processes/annualEvaluation.bpmn", "forms/assessServiceAreas.form",
    "forms/confirmServiceAreas.form", "forms/assessGuaranteeArea.form", "forms/confirmGuaranteeArea.form",
    "forms/assessDevelopmentArea.form", "forms/confirmDevelopmentArea.form", "forms/reviewFundCompliance.form",
    "forms/decideSpotCheck.form", "forms/rescoreSpotCheck.form", "forms/acknowledgeOverdue.form",
    "processes/indicatorCatalogue.dmn", "processes/performanceScore.dmn", "processes/evaluationOutcome.dmn",
    "processes/spotCheckSuggestion.dmn", "processes/deadlineReminder.dmn", "processes/programCalendar.dmn"})
class AnnualEvaluationProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  static final String PILOT = "2027-CENTRAL-210100";
  static final String EVALUATION_DUE = "2028-03-31";
  /** Tuesday 2028-01-04, 10:00 in Beijing: the year's work is over, the evaluation runs. */
  static final Date NOW = beijing(2028, 1, 4, 10, 0);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] ASSESS_TASKS = {"assessServiceAreas", "assessGuaranteeArea", "assessDevelopmentArea"};
  static final String[] CONFIRM_TASKS = {"confirmServiceAreas", "confirmGuaranteeArea", "confirmDevelopmentArea"};

  ProcessEngine processEngine;
  final Deadlines deadlines = new Deadlines();
  Ledger ledger;
  MonitoringRecords monitoring;
  List<Indicator> catalogue;
  /** What the next spot-check draw gives (a failure when it is null). */
  final AtomicReference<Double> draw = new AtomicReference<>(0.5);

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(NOW);
    MoneyRecords.clear();
    ledger = MoneyRecords.ledger();
    IndicatorScoring scoring = new IndicatorScoring(processEngine.getDecisionService());
    Mocks.register("deadlines", deadlines);
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    monitoring = new MonitoringRecords(MoneyRecords.dataSource());
    new JdbcTemplate(MoneyRecords.dataSource()).update("delete from pc_monitoring_value");
    Mocks.register("prepareAnnualEvaluation", new PrepareAnnualEvaluation(monitoring));
    Mocks.register("validateAreaAssessment", new ValidateAreaAssessment(scoring));
    Mocks.register("validateAreaConfirmation", new ValidateAreaConfirmation());
    Mocks.register("prepareFundComplianceReview", new PrepareFundComplianceReview(ledger));
    Mocks.register("validateFundCompliance", new ValidateFundCompliance());
    Mocks.register("computePerformanceScore", new ComputePerformanceScore(scoring));
    Mocks.register("publishEvaluationResult", new PublishEvaluationResult(ledger));
    Mocks.register("spotCheckDraw", new SpotCheckDraw(() -> {
      Double next = draw.get();
      if (next == null) {
        throw new IllegalStateException("random source unavailable");
      }
      return next;
    }));
    Mocks.register("validateSpotCheckDecision", new ValidateSpotCheckDecision());
    Mocks.register("validateSpotCheckRescore", new ValidateSpotCheckRescore());
    Mocks.register("recordSpotCheck", new RecordSpotCheck(ledger, scoring));
    Mocks.register("settleEvaluation", new SettleEvaluation(ledger));
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
    // the test's deployment happens after this method: the catalogue as deployed, read from the files
    catalogue = new IndicatorCatalogue().load(resource("processes/indicatorCatalogue.dmn"),
        resource("processes/performanceScore.dmn")).indicators();

    // the pilot's money so far: award, both transfers, two reported uses (one checked)
    ledger.grantAward(new Award(PILOT, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        new BigDecimal("30000000"), "pilotTermInstance", null));
    ledger.recordTransfer(PILOT, TransferLeg.MINISTRY_TO_PROVINCE, new BigDecimal("30000000"), LocalDate.of(2027, 5, 10),
        "财金〔2027〕18号", "transfer1", "mofUser");
    ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, new BigDecimal("30000000"), LocalDate.of(2027, 6, 1),
        "辽财金〔2027〕5号", "transfer2", "lnFinance");
    FundUse capital = ledger.recordFundUse(new FundUse(null, PILOT, "GUARANTEE_CAPITAL", "沈阳市融资担保集团有限公司",
        creditCode("91210100MA0Y1234"), new BigDecimal("20000000"), LocalDate.of(2027, 7, 1), "use1", "lnShenyang", null));
    ledger.recordFundUse(new FundUse(null, PILOT, "RISK_COMPENSATION", "沈阳市小微企业信贷风险补偿资金池",
        creditCode("12210100MB1Y5678"), new BigDecimal("5000000"), LocalDate.of(2027, 9, 1), "use2", "lnShenyang", null));
    ledger.recordFundUseCheck(capital.id(), Ledger.CONFIRMED, "注资凭证齐全", "lnBureau", "check1");
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
  }

  // ------------------------------------------------------------------ paths

  @Test
  void allTargetsMetPassesWithTheProvincialScoreAndIsSettled() {
    ProcessInstance evaluation = start(null);

    assertThat(evaluation.getBusinessKey()).isEqualTo(PILOT);
    assertThat(evaluation.getTenantId()).isEqualTo("210000");
    // no deadline given: the programme calendar's row of the evaluated year
    assertThat(evaluation).hasPassed("determineEvaluationDue").variables()
        .containsEntry("evaluationDue", EVALUATION_DUE).doesNotContainKey("evaluationCalendar");
    assertThat(evaluation).isWaitingAt("assessServiceAreas", "assessGuaranteeArea", "assessDevelopmentArea",
        "reviewFundCompliance");
    Map<String, String> groups = Map.of("assessServiceAreas", "pbocBranch", "assessGuaranteeArea", "provincialFinance",
        "assessDevelopmentArea", "scienceTech", "reviewFundCompliance", "mofLocalBureau");
    groups.forEach((key, group) -> {
      Task task = task(evaluation, key);
      assertThat(task).hasCandidateGroupAssociated(group);
      assertThat(task.getDueDate()).isEqualTo(deadlines.endOfDay(EVALUATION_DUE));
      assertThat(task.getDueDate().toInstant().toString()).isEqualTo("2028-03-31T15:59:59Z");
      assertThat(task.getTenantId()).isEqualTo("210000");
      assertThat(formKey(task)).isEqualTo(key);
    });

    // the bureau sees the ledger's uses of the award and their checks
    assertThat(rows(evaluation, "fundUseRows")).hasSize(2);
    JsonNode capital = rows(evaluation, "fundUseRows").get(0);
    assertThat(capital.path("purposeName").asText()).isEqualTo("政府性融资担保机构资本补充");
    assertThat(capital.path("amountText").asText()).isEqualTo("20,000,000.00");
    assertThat(capital.path("checkText").asText()).isEqualTo("核查无误：注资凭证齐全");
    assertThat(rows(evaluation, "fundUseRows").get(1).path("checkText").asText()).isEqualTo("尚未核查");
    assertThat((String) variable(evaluation, "fundUseSummaryText")).isEqualTo(
        "核定奖励资金30,000,000.00元；城市已收到30,000,000.00元；已报告使用2笔，共25,000,000.00元，尚未使用5,000,000.00元。"
            + "逐笔核查：已核查1笔（其中存在重复支持0笔），尚未核查1笔。");

    assess(evaluation, "assessServiceAreas", Map.of());
    Task confirm = task(evaluation, "confirmServiceAreas");
    assertThat(confirm).hasCandidateGroupAssociated("cbircOffice");
    assertThat(confirm.getDueDate()).isEqualTo(deadlines.endOfDay(EVALUATION_DUE));
    // the confirming department sees every indicator of areas 1 and 3 with its assessed value and score
    ArrayNode sheet = rows(evaluation, "serviceAreasAssessment");
    assertThat(sheet).hasSize(count(1) + count(3));
    assertThat(sheet).allSatisfy(row -> {
      assertThat(row.path("area").asInt()).isIn(1, 3);
      assertThat(row.path("score").decimalValue()).isEqualByComparingTo(row.path("points").decimalValue());
      assertThat(row.path("assessed").decimalValue()).isEqualByComparingTo(row.path("target").decimalValue());
    });
    assertThat(sheet.get(0).path("code").asText()).isEqualTo(catalogue.get(0).code());
    assertThat((String) variable(evaluation, "serviceAreasSummary"))
        .isEqualTo("一、三方面考核得分合计：一方面得分40.00分（满分40分）；三方面得分20.00分（满分20分）");
    assess(evaluation, "assessGuaranteeArea", Map.of());
    assertThat(task(evaluation, "confirmGuaranteeArea")).hasCandidateGroupAssociated("localFinancialRegulator");
    assess(evaluation, "assessDevelopmentArea", Map.of());
    assertThat(task(evaluation, "confirmDevelopmentArea")).hasCandidateGroupAssociated("industryIt");
    for (String key : CONFIRM_TASKS) {
      complete(evaluation, key, Map.of(confirmation(key), "AGREE"));
    }
    assertThat(evaluation).isWaitingAt("reviewFundCompliance");
    complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceFinding", "COMPLIANT",
        "fundComplianceNote", "抽查两笔资金使用凭证，用途符合规定，未发现重复支持。"));

    assertThat(evaluation).hasPassed("areaAssessment", "computePerformanceScore", "determineProvincialOutcome")
        .isWaitingAt("publishResult").variables()
        .containsEntry("provincialScore", 100.0).containsEntry("provincialOutcome", "PASS");
    assertThat(rows(evaluation, "areaScores")).allSatisfy(row ->
        assertThat(row.path("achievement").decimalValue()).isEqualByComparingTo("100"));
    assertThat(rows(evaluation, "areaScores").get(1).path("areaName").asText()).isEqualTo("二、完善融资担保和风险补偿机制情况");
    assertThat(ledger.publishedResults()).isEmpty();

    executeJob(evaluation, "publishResult");
    assertThat(ledger.evaluations(PILOT)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("PROVINCIAL");
      assertThat(e.score()).isEqualByComparingTo("100");
      assertThat(e.evaluatedYear()).isEqualTo(2027);
      assertThat(e.processInstanceId()).isEqualTo(evaluation.getId());
      assertThat(e.areaScoresJson()).contains("\"achievement\":100");
    });
    assertThat(ledger.publishedResults()).singleElement().satisfies(r -> {
      assertThat(r.score()).isEqualByComparingTo("100");
      assertThat(r.outcome()).isEqualTo("PASS");
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.cityName()).isEqualTo("沈阳市");
      assertThat(r.awardAmount()).isEqualByComparingTo("30000000");
      assertThat(r.fundUseSummary()).contains("政府性融资担保机构资本补充2,000.00万元");
      assertThat(r.sourceId()).isEqualTo(evaluation.getId() + ":publishResult");
    });

    assertThat(evaluation).isWaitingAt("decideSpotCheck").variables()
        .containsEntry("randomDraw", 0.5).containsEntry("spotCheckSuggested", false)
        .containsEntry("spotCheckReason", "不在建议抽评范围");
    Task decide = task(evaluation, "decideSpotCheck");
    assertThat(decide).hasCandidateGroupAssociated("mof");
    assertThat(formKey(decide)).isEqualTo("decideSpotCheck");
    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", false));

    assertThat(evaluation).hasPassed("determineOutcome").hasNotPassed("rescoreSpotCheck", "recordSpotCheck")
        .isWaitingAt("settleEvaluation").variables()
        .containsEntry("finalScore", 100.0).containsEntry("scoreKind", "PROVINCIAL").containsEntry("outcome", "PASS");
    assertThat(ledger.settlement(PILOT)).isEmpty();
    executeJob(evaluation, "settleEvaluation");
    assertThat(ledger.settlement(PILOT)).hasValueSatisfying(s -> {
      assertThat(s.finalScore()).isEqualByComparingTo("100");
      assertThat(s.outcome()).isEqualTo("PASS");
      assertThat(s.scoreKind()).isEqualTo("PROVINCIAL");
      assertThat(s.evaluatedYear()).isEqualTo(2027);
    });
    assertThat(evaluation).isEnded().hasPassed("evaluationPassed").hasNotPassed("pilotStatusRevoked");
    // the caller (pilotTerm) reads the result from the ended instance
    assertThat(historicVariable(evaluation, "outcome")).isEqualTo("PASS");
    assertThat(historicVariable(evaluation, "finalScore")).isEqualTo(100.0);
  }

  @Test
  void theYearsQuarterlyMonitoringValuesAreShownBesideEachIndicator() {
    Indicator first = catalogue.get(0);
    Indicator second = catalogue.get(1);
    monitoring.report(PILOT, 2027, 2, first.department(), Map.of(first.code(), new BigDecimal("12.5")), "lnCbirc", "task-q2");
    monitoring.report(PILOT, 2027, 3, first.department(), Map.of(first.code(), new BigDecimal("14.00")), "lnCbirc", "task-q3");
    // another pilot's values stay with that pilot
    monitoring.report("2027-CENTRAL-210200", 2027, 2, second.department(), Map.of(second.code(), BigDecimal.ONE),
        "lnCbirc", "task-other");

    ProcessInstance evaluation = start(EVALUATION_DUE);

    ArrayNode values = rows(evaluation, "monitoringValues");
    assertThat(values).hasSize(catalogue.size());
    for (int i = 0; i < catalogue.size(); i++) {
      // row n is the form's row n (indicatorTargets[n])
      assertThat(values.get(i).path("code").asText()).isEqualTo(catalogue.get(i).code());
      assertThat(values.get(i).path("area").asInt()).isEqualTo(catalogue.get(i).area());
    }
    JsonNode reported = values.get(0);
    assertThat(reported.path("text").asText()).isEqualTo("第二季度 12.5" + first.unit() + "；第三季度 14" + first.unit());
    assertThat(reported.path("q2").asText()).isEqualTo("12.5");
    assertThat(reported.path("q3").asText()).isEqualTo("14");
    assertThat(reported.has("q1")).isFalse();
    assertThat(values.get(1).path("text").asText()).isEqualTo("无");
    assertThat(values.get(1).has("q2")).isFalse();

    // the assessing and confirming departments' forms read them
    String form = formText("forms/" + ASSESS_TASKS[0] + ".form");
    assertThat(form).contains("季度监测值：{{monitoringValues[1].text}}").contains("季度监测值：{{monitoringValues[40].text}}");
    assertThat(formText("forms/confirmServiceAreas.form")).contains("\"dataSource\": \"=monitoringValues[item.area = 1 or item.area = 3]\"");
  }

  @Test
  void exactlySeventyPasses() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assertThat(evaluation).hasNotPassed("determineEvaluationDue");
    assessEverything(evaluation, seventy());
    executeJob(evaluation, "publishResult");
    assertThat(evaluation).variables().containsEntry("provincialScore", 70.0).containsEntry("provincialOutcome", "PASS")
        // 70 lies in the band the ministry is advised to spot-check
        .containsEntry("spotCheckSuggested", true).containsEntry("spotCheckReason", "得分在70—75分之间，建议抽评");
    Map<Integer, String> achievements = new HashMap<>();
    rows(evaluation, "areaScores").forEach(row -> achievements.put(row.path("area").asInt(),
        row.path("achievementText").asText()));
    assertThat(achievements).containsExactlyInAnyOrderEntriesOf(Map.of(1, "75.00", 2, "60.00", 3, "75.00", 4, "70.00"));
    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", false, "spotCheckDecisionNote", "核查结论合规，不抽评。"));
    executeJob(evaluation, "settleEvaluation");

    assertThat(evaluation).isEnded().hasPassed("evaluationPassed");
    assertThat(historicVariable(evaluation, "outcome")).isEqualTo("PASS");
    assertThat(historicVariable(evaluation, "finalScore")).isEqualTo(70.0);
    assertThat(ledger.settlement(PILOT).orElseThrow().finalScore()).isEqualByComparingTo("70.00");
  }

  @Test
  void sixtyNineNinetyNineRevokes() {
    // a deadline given by the caller as a date is kept as the day it is in Beijing
    ProcessInstance evaluation = start(deadlines.endOfDay(EVALUATION_DUE));
    assertThat(evaluation).variables().containsEntry("evaluationDue", EVALUATION_DUE);
    Map<String, Object> values = new HashMap<>(seventy());
    values.put("creditLoanShare", 99.8); // 5 points × 99.8 / 100 = 4.99
    assessEverything(evaluation, values);
    executeJob(evaluation, "publishResult");
    assertThat(evaluation).variables().containsEntry("provincialScore", 69.99)
        .containsEntry("provincialOutcome", "REVOKE").containsEntry("spotCheckSuggested", false);
    assertThat(ledger.publishedResults()).singleElement().satisfies(r -> {
      assertThat(r.score()).isEqualByComparingTo("69.99");
      assertThat(r.outcome()).isEqualTo("REVOKE");
    });
    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", false));
    executeJob(evaluation, "settleEvaluation");

    assertThat(evaluation).isEnded().hasPassed("pilotStatusRevoked").hasNotPassed("evaluationPassed");
    assertThat(historicVariable(evaluation, "outcome")).isEqualTo("REVOKE");
    assertThat(historicVariable(evaluation, "finalScore")).isEqualTo(69.99);
    assertThat(ledger.settlement(PILOT).orElseThrow().outcome()).isEqualTo("REVOKE");
  }

  @Test
  void spotCheckPullsSeventyTwoDownToSixtyFiveAndRevokesWithAPublishedCorrection() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    Map<String, Object> values = new HashMap<>(seventy());
    values.put("privateSmallFirmGrowth", 75L); // 3 of 4 points instead of 1: 72
    assessEverything(evaluation, values);
    executeJob(evaluation, "publishResult");
    assertThat(evaluation).variables().containsEntry("provincialScore", 72.0).containsEntry("provincialOutcome", "PASS")
        .containsEntry("spotCheckSuggested", true);
    PublishedResult original = ledger.publishedResults().get(0);

    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", true, "spotCheckDecisionNote", "得分接近70分，抽评。"));
    Task rescore = task(evaluation, "rescoreSpotCheck");
    assertThat(rescore).hasCandidateGroupAssociated("mofLocalBureau");
    assertThat(formKey(rescore)).isEqualTo("rescoreSpotCheck");
    complete(evaluation, "rescoreSpotCheck", spot(65, 65, 65, 65, "抽查发现首贷户数统计口径有误，四个方面完成率均下调。"));

    assertThat(evaluation).hasPassed("rescoreSpotCheck", "recordSpotCheck", "determineOutcome")
        .isWaitingAt("settleEvaluation").variables()
        .containsEntry("spotCheckScore", 65.0).containsEntry("finalScore", 65.0).containsEntry("scoreKind", "SPOT_CHECK")
        .containsEntry("outcome", "REVOKE").containsEntry("provincialScore", 72.0).containsEntry("correctionPublished", true);
    assertThat(ledger.evaluations(PILOT)).extracting(Ledger.Evaluation::kind, e -> e.score().toPlainString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PROVINCIAL", "72.00"),
            org.assertj.core.groups.Tuple.tuple("SPOT_CHECK", "65.00"));
    List<PublishedResult> published = ledger.publishedResults();
    assertThat(published).hasSize(2);
    // the original stays as it was published; the correction is a new row pointing at it
    assertThat(published.get(0)).isEqualTo(original);
    assertThat(original.score()).isEqualByComparingTo("72");
    assertThat(original.outcome()).isEqualTo("PASS");
    PublishedResult correction = published.get(1);
    assertThat(correction.version()).isEqualTo(2);
    assertThat(correction.correctsId()).isEqualTo(original.id());
    assertThat(correction.score()).isEqualByComparingTo("65");
    assertThat(correction.outcome()).isEqualTo("REVOKE");
    assertThat(correction.correctionReason()).startsWith("财政部抽评得分65.00分，与已公开的省级评价得分72.00分不一致，以抽评得分为准。")
        .contains("首贷户数统计口径有误");
    assertThat(correction.sourceId()).isEqualTo(evaluation.getId() + ":recordSpotCheck");

    executeJob(evaluation, "settleEvaluation");
    assertThat(evaluation).isEnded().hasPassed("pilotStatusRevoked");
    assertThat(ledger.settlement(PILOT)).hasValueSatisfying(s -> {
      assertThat(s.finalScore()).isEqualByComparingTo("65");
      assertThat(s.outcome()).isEqualTo("REVOKE");
      assertThat(s.scoreKind()).isEqualTo("SPOT_CHECK");
    });
    assertThat(historicVariable(evaluation, "outcome")).isEqualTo("REVOKE");
    assertThat(historicVariable(evaluation, "finalScore")).isEqualTo(65.0);
  }

  @Test
  void spotCheckOfTheRandomShareThatConfirmsTheScorePublishesNoCorrection() {
    draw.set(0.05);
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assessEverything(evaluation, Map.of());
    executeJob(evaluation, "publishResult");
    assertThat(evaluation).variables().containsEntry("provincialScore", 100.0).containsEntry("randomDraw", 0.05)
        .containsEntry("spotCheckSuggested", true).containsEntry("spotCheckReason", "随机抽取（抽取比例10%）");

    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", "true"));
    complete(evaluation, "rescoreSpotCheck", spot(100, 100L, 100, 100.0, "抽评复核无异议。"));
    executeJob(evaluation, "settleEvaluation");

    assertThat(evaluation).isEnded().hasPassed("recordSpotCheck", "evaluationPassed");
    assertThat(historicVariable(evaluation, "correctionPublished")).isEqualTo(false);
    assertThat(historicVariable(evaluation, "scoreKind")).isEqualTo("SPOT_CHECK");
    assertThat(ledger.publishedResults()).hasSize(1);
    assertThat(ledger.evaluations(PILOT)).hasSize(2);
    assertThat(ledger.settlement(PILOT).orElseThrow().scoreKind()).isEqualTo("SPOT_CHECK");
  }

  @Test
  void suggestionFollowsTheTable() {
    // outside the band and above the random share: not suggested (69.99 is below the band)
    draw.set(0.1);
    ProcessInstance below = start(EVALUATION_DUE);
    Map<String, Object> values = new HashMap<>(seventy());
    values.put("creditLoanShare", 99.8);
    assessEverything(below, values);
    executeJob(below, "publishResult");
    assertThat(below).variables().containsEntry("provincialScore", 69.99).containsEntry("spotCheckSuggested", false)
        .containsEntry("spotCheckReason", "不在建议抽评范围");

    // 75 is the top of the band
    MoneyRecords.clear();
    setUpPilotAgain();
    draw.set(0.99);
    ProcessInstance top = start(EVALUATION_DUE);
    values = new HashMap<>(seventy());
    values.put("privateLoanBalanceIncrement", 50L); // 5 of 10 points: 75
    assessEverything(top, values);
    executeJob(top, "publishResult");
    assertThat(top).variables().containsEntry("provincialScore", 75.0).containsEntry("spotCheckSuggested", true)
        .containsEntry("spotCheckReason", "得分在70—75分之间，建议抽评");
  }

  @Test
  void aConfirmingDepartmentReturnsAndTheAssessmentIsDoneAgain() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    Map<String, Object> wrong = Map.of("inclusiveLoanBalanceIncrement", 20L, "guaranteeFeeRate", 200L,
        "techSmeIncrement", 50L);
    for (String key : ASSESS_TASKS) {
      assess(evaluation, key, wrong);
    }
    String[] comments = {"普惠型小微企业贷款余额同比增量与S71报表不一致，请核实。", "担保费率应为年化费率。", "科技型中小企业增量应以入库数为准。"};
    for (int i = 0; i < CONFIRM_TASKS.length; i++) {
      String key = CONFIRM_TASKS[i];
      String team = key.substring("confirm".length(), "confirm".length() + 1).toLowerCase() + key.substring("confirm".length() + 1);
      assertRefused(() -> complete(evaluation, key, Map.of(confirmation(key), "RETURN")))
          .hasMessageContaining("退回意见：必须填写");
      assertThat((Object) variable(evaluation, confirmation(key))).isNull();
      complete(evaluation, key, Map.of(confirmation(key), "RETURN", team + "ReturnComment", comments[i]));
      assertThat(task(evaluation, ASSESS_TASKS[i])).isNotNull();
    }
    assertThat(evaluation).hasPassed("serviceAreasConfirmed", "guaranteeAreaConfirmed", "developmentAreaConfirmed")
        .isWaitingAt("assessServiceAreas", "assessGuaranteeArea", "assessDevelopmentArea", "reviewFundCompliance");
    // the assessing department sees the comment and its earlier values
    assertThat(evaluation).variables().containsEntry("serviceAreasConfirmation", "RETURN")
        .containsEntry("serviceAreasReturnComment", comments[0])
        .containsEntry(slot("inclusiveLoanBalanceIncrement"), 20L);
    assertThat(row(evaluation, "serviceAreasAssessment", "inclusiveLoanBalanceIncrement").path("score").decimalValue())
        .isEqualByComparingTo("1"); // 5 × 20 / 100
    assertThat(row(evaluation, "guaranteeAreaAssessment", "guaranteeFeeRate").path("score").decimalValue())
        .isEqualByComparingTo("3"); // 6 × 100 / 200: a fee above the ceiling
    assertThat(row(evaluation, "developmentAreaAssessment", "techSmeIncrement").path("scoreText").asText())
        .isEqualTo("1.50");

    for (String key : ASSESS_TASKS) {
      assess(evaluation, key, Map.of());
    }
    // a new submission waits for a new confirmation
    assertThat(evaluation).variables().doesNotContainKey("serviceAreasConfirmation");
    assertThat(row(evaluation, "serviceAreasAssessment", "inclusiveLoanBalanceIncrement").path("score").decimalValue())
        .isEqualByComparingTo("5");
    for (String key : CONFIRM_TASKS) {
      complete(evaluation, key, Map.of(confirmation(key), "AGREE"));
    }
    assertThat(historyCount(evaluation, "assessServiceAreas")).isEqualTo(2);
    assertThat(historyCount(evaluation, "confirmGuaranteeArea")).isEqualTo(2);
    complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceFinding", "NON_COMPLIANT",
        "fundComplianceNote", "风险补偿资金池500万元尚未制定管理办法，要求限期整改。"));
    assertThat(evaluation).isWaitingAt("publishResult").variables().containsEntry("provincialScore", 100.0)
        .containsEntry("fundComplianceFinding", "NON_COMPLIANT");
  }

  @Test
  void missingOrOutOfRangeValuesAreRefusedNamingTheIndicatorAndNothingIsSaved() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    Map<String, Object> values = new HashMap<>(assessedValues("assessServiceAreas", Map.of()));
    values.put(slot("inclusiveLoanBalanceIncrement"), -5L);   // an increment: not below 0
    values.put(slot("inclusiveBorrowerIncrement"), "");       // blank
    values.put(slot("privateLoanBalanceIncrement"), "很多");   // not a number
    values.put(slot("inclusiveLoanRate"), Double.NaN);        // not a number either
    values.remove(slot("firstTimeBorrowers"));                // missing
    values.put(slot("inclusiveLoanBalanceGrowthRate"), -3.5); // a growth rate may fall

    assertRefused(() -> complete(evaluation, "assessServiceAreas", values))
        .hasMessageStartingWith("表单填写有误，请修改后重新提交：")
        .hasMessageContaining("“普惠型小微企业贷款余额同比增量”考核值：不能为负数（收到-5亿元）")
        .hasMessageContaining("“普惠型小微企业贷款户数同比增量”考核值：必须填写")
        .hasMessageContaining("“民营企业贷款余额同比增量”考核值：“很多”不是有效数字")
        .hasMessageContaining("“普惠型小微企业新发放贷款平均利率”考核值：“NaN”不是有效数字")
        .hasMessageContaining("“" + name("firstTimeBorrowers") + "”考核值：必须填写")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(name("inclusiveLoanBalanceGrowthRate")));
    assertThat(evaluation).isWaitingAt("assessServiceAreas").variables()
        .doesNotContainKey("serviceAreasAssessment").doesNotContainKey(slot("inclusiveLoanBalanceGrowthRate"));

    values.put(slot("inclusiveLoanBalanceIncrement"), 0L);
    values.put(slot("inclusiveBorrowerIncrement"), "80");
    values.put(slot("privateLoanBalanceIncrement"), 100L);
    values.put(slot("inclusiveLoanRate"), 4.2);
    values.put(slot("firstTimeBorrowers"), 100L);
    complete(evaluation, "assessServiceAreas", values);
    assertThat(row(evaluation, "serviceAreasAssessment", "inclusiveLoanBalanceGrowthRate").path("score").decimalValue())
        .isEqualByComparingTo("0");
    assertThat(row(evaluation, "serviceAreasAssessment", "inclusiveBorrowerIncrement").path("score").decimalValue())
        .isEqualByComparingTo("4");

    // the other forms check their fields too
    assertRefused(() -> complete(evaluation, "confirmServiceAreas", Map.of(confirmation("confirmServiceAreas"), "MAYBE")))
        .hasMessageContaining("确认：请选择同意、退回之一（收到“MAYBE”）");
    assertRefused(() -> complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceFinding", "COMPLIANT")))
        .hasMessageContaining("核查说明：必须填写");
    assertRefused(() -> complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceNote", "已核查")))
        .hasMessageContaining("核查结论：请选择合规、存在问题之一");
    assertThat(evaluation).variables().doesNotContainKey("fundComplianceFinding");
  }

  @Test
  void decisionAndSpotCheckFormsAreCheckedOnTheServer() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assessEverything(evaluation, Map.of());
    executeJob(evaluation, "publishResult");

    assertRefused(() -> complete(evaluation, "decideSpotCheck", Map.of()))
        .hasMessageContaining("是否抽评：请选择抽评或不抽评");
    assertRefused(() -> complete(evaluation, "decideSpotCheck", Map.of("spotCheck", "perhaps")))
        .hasMessageContaining("收到“perhaps”");
    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", true));

    Map<String, Object> wrong = new HashMap<>(spot(101, -1, "八十", 90, ""));
    wrong.remove("spotAreaLocalDevelopment");
    assertRefused(() -> complete(evaluation, "rescoreSpotCheck", wrong))
        .hasMessageContaining("一、金融服务民营和小微企业总体状况抽评完成率：须在0—100之间（收到101）")
        .hasMessageContaining("二、完善融资担保和风险补偿机制情况抽评完成率：须在0—100之间（收到-1）")
        .hasMessageContaining("三、金融综合服务和创新情况抽评完成率：“八十”不是有效数字")
        .hasMessageContaining("四、金融带动地方发展情况抽评完成率：必须填写")
        .hasMessageContaining("抽评说明：必须填写");
    assertThat(evaluation).isWaitingAt("rescoreSpotCheck");
    assertThat(ledger.evaluations(PILOT)).hasSize(1);

    complete(evaluation, "rescoreSpotCheck", spot(70, 60, 75, 70, "复核后下调二方面完成率。"));
    // 28 + 18 + 15 + 7 = 68
    assertThat(evaluation).isWaitingAt("settleEvaluation").variables().containsEntry("finalScore", 68.0)
        .containsEntry("outcome", "REVOKE");
  }

  @Test
  void evaluationStillOpenAfterMarch31IsEscalatedToTheMinistry() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assess(evaluation, "assessServiceAreas", Map.of());
    Job overdue = timer(evaluation, "evaluationOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(deadlines.afterDeadline(EVALUATION_DUE));
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2028-03-31T16:00:00Z");
    // not yet at the last minute of March 31 in Beijing
    ClockUtil.setCurrentTime(beijing(2028, 3, 31, 23, 59));
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(evaluation.getId())
        .activityId("evaluationOverdue").executable().count()).isZero();

    ClockUtil.setCurrentTime(beijing(2028, 4, 1, 0, 0));
    processEngine.getManagementService().executeJob(overdue.getId());

    assertThat(evaluation).hasPassed("evaluationOverdue")
        .isWaitingAt("escalateLateEvaluation", "confirmServiceAreas", "assessGuaranteeArea", "assessDevelopmentArea",
            "reviewFundCompliance");
    Task escalation = task(evaluation, "escalateLateEvaluation");
    assertThat(escalation).hasCandidateGroupAssociated("mof");
    assertThat(escalation.getName()).isEqualTo("逾期督办：绩效评价未按时完成");
    assertThat(formKey(escalation)).isEqualTo("acknowledgeOverdue");
    assertRefused(() -> taskService().complete(escalation.getId())).hasMessageContaining("督办情况：必须填写");
    complete(evaluation, "escalateLateEvaluation", Map.of("overdueNote", "已督促辽宁省财政厅，4月10日前完成评价。"));
    assertThat(evaluation).hasPassed("lateEvaluationEscalated");

    // the evaluation itself goes on and ends as usual
    complete(evaluation, "confirmServiceAreas", Map.of("serviceAreasConfirmation", "AGREE"));
    assess(evaluation, "assessGuaranteeArea", Map.of());
    assess(evaluation, "assessDevelopmentArea", Map.of());
    complete(evaluation, "confirmGuaranteeArea", Map.of("guaranteeAreaConfirmation", "AGREE"));
    complete(evaluation, "confirmDevelopmentArea", Map.of("developmentAreaConfirmation", "AGREE"));
    complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceFinding", "COMPLIANT", "fundComplianceNote", "合规。"));
    assertThat(evaluation).isWaitingAt("publishResult");
  }

  @Test
  void reminderRaisesTheOpenTasksTenDaysBefore() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    Job reminder = timer(evaluation, "evaluationReminder");
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2028, 3, 21, 0, 0));

    ClockUtil.setCurrentTime(beijing(2028, 3, 21, 0, 0));
    processEngine.getManagementService().executeJob(reminder.getId());

    assertThat(evaluation).hasPassed("remindAreaAssessment", "evaluationReminded")
        .isWaitingAt("assessServiceAreas", "assessGuaranteeArea", "assessDevelopmentArea", "reviewFundCompliance");
    for (Task task : taskService().createTaskQuery().processInstanceId(evaluation.getId()).list()) {
      assertThat(task.getPriority()).isEqualTo(80);
      assertThat(taskService().getTaskComments(task.getId())).singleElement()
          .satisfies(c -> assertThat(c.getFullMessage()).isEqualTo("到期提醒：“" + task.getName()
              + "”请于2028年3月31日24时（北京时间）前完成。"));
    }
    assertThat(timer(evaluation, "evaluationOverdue")).isNotNull();
  }

  @Test
  void aRetriedPublicationRecordsNothingTwice() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assessEverything(evaluation, Map.of());
    // the job publishes, then a later step of the same transaction fails: the job is retried
    draw.set(null);
    Job publish = job(evaluation, "publishResult");
    assertThat(catchThrowable(() -> processEngine.getManagementService().executeJob(publish.getId())))
        .hasStackTraceContaining("random source unavailable");
    assertThat(evaluation).isWaitingAt("publishResult");
    assertThat(job(evaluation, "publishResult").getRetries()).isEqualTo(2);

    draw.set(0.5);
    executeJob(evaluation, "publishResult");
    assertThat(evaluation).isWaitingAt("decideSpotCheck");
    assertThat(ledger.evaluations(PILOT)).hasSize(1);
    assertThat(ledger.publishedResults()).hasSize(1);
    assertThat(count("pc_published_result")).isEqualTo(1);

    // the delegate run again for the same step gets the same record back
    PublishEvaluationResult delegate = new PublishEvaluationResult(ledger);
    DelegateExecution again = execution(evaluation.getId(), "publishResult", Map.of("pilotKey", PILOT,
        "programYear", 2027, "provincialScore", 100.0, "provincialOutcome", "PASS", "areaScores", "[]"));
    delegate.execute(again);
    assertThat(count("pc_published_result")).isEqualTo(1);
    assertThat(count("pc_evaluation")).isEqualTo(1);
  }

  @Test
  void aRetriedSettlementRecordsNothingTwiceAndAnotherInstanceIsRefused() {
    ProcessInstance evaluation = start(EVALUATION_DUE);
    assessEverything(evaluation, Map.of());
    executeJob(evaluation, "publishResult");
    complete(evaluation, "decideSpotCheck", Map.of("spotCheck", false));
    executeJob(evaluation, "settleEvaluation");
    assertThat(evaluation).isEnded();

    Map<String, Object> variables = Map.of("pilotKey", PILOT, "programYear", 2027, "finalScore", 100.0,
        "outcome", "PASS", "scoreKind", "PROVINCIAL");
    SettleEvaluation settle = new SettleEvaluation(ledger);
    settle.execute(execution(evaluation.getId(), "settleEvaluation", variables));
    assertThat(count("pc_settlement")).isEqualTo(1);
    assertThatThrownBy(() -> settle.execute(execution("anotherInstance", "settleEvaluation", variables)))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复结算");
    assertThat(count("pc_settlement")).isEqualTo(1);

    // a second evaluation of the same pilot cannot publish: the job fails, nothing is added
    ProcessInstance second = start(EVALUATION_DUE);
    assessEverything(second, Map.of());
    Job publish = job(second, "publishResult");
    assertThat(catchThrowable(() -> processEngine.getManagementService().executeJob(publish.getId())))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复评价");
    assertThat(second).isWaitingAt("publishResult");
    assertThat(count("pc_evaluation")).isEqualTo(1);
    assertThat(count("pc_published_result")).isEqualTo(1);
  }

  @Test
  void anEvaluationWithoutItsPilotOrSheetDoesNotStart() {
    Map<String, Object> variables = startVariables(EVALUATION_DUE);
    variables.remove("pilotKey");
    variables.put("programYear", "last year");
    assertRefused(() -> processEngine.getRuntimeService().startProcessInstanceByKey("annualEvaluation", variables))
        .hasMessageContaining("缺少试点编号（pilotKey）").hasMessageContaining("缺少被评价年度（programYear），收到“last year”");

    Map<String, Object> noSheet = startVariables(EVALUATION_DUE);
    noSheet.remove("indicatorTargets");
    assertThat(catchThrowable(() -> processEngine.getRuntimeService().startProcessInstanceByKey("annualEvaluation", noSheet)))
        .hasMessageContaining("绩效评价缺少试点城市的绩效目标（indicatorTargets）");

    Map<String, Object> noAreaFour = startVariables(EVALUATION_DUE);
    ArrayNode rows = JSON.createArrayNode();
    try {
      JSON.readTree(noAreaFour.get("indicatorTargets").toString()).forEach(row -> {
        if (row.path("area").asInt() != 4) {
          rows.add(row);
        }
      });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    noAreaFour.put("indicatorTargets", Spin.JSON(rows.toString()));
    assertRefused(() -> processEngine.getRuntimeService().startProcessInstanceByKey("annualEvaluation", noAreaFour))
        .hasMessageContaining("没有四、金融带动地方发展情况的指标");

    Map<String, Object> badDue = startVariables("end of March");
    assertRefused(() -> processEngine.getRuntimeService().startProcessInstanceByKey("annualEvaluation", badDue))
        .hasMessageContaining("评价截止日（evaluationDue）“end of March”不是日期");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  /** 70 exactly: areas 75, 60, 75 and 70 per cent (30 + 18 + 15 + 7). */
  static Map<String, Object> seventy() {
    return Map.of("privateLoanBalanceIncrement", 0L, "guaranteeCapitalIncrement", 0L, "guaranteeLeverage", 0L,
        "firstTimeBorrowers", 0L, "privateSmallFirmGrowth", 25L);
  }

  ProcessInstance start(Object evaluationDue) {
    return processEngine.getRuntimeService().startProcessInstanceByKey("annualEvaluation", startVariables(evaluationDue));
  }

  /** What pilotTerm hands over (its call activity passes all its variables). */
  Map<String, Object> startVariables(Object evaluationDue) {
    ArrayNode targets = JSON.createArrayNode();
    for (Indicator indicator : catalogue) {
      ObjectNode row = targets.addObject();
      row.put("code", indicator.code());
      row.put("name", indicator.name());
      row.put("area", indicator.area());
      row.put("points", indicator.points());
      row.put("unit", indicator.unit());
      row.put("baseline", 80);
      row.put("target", 100);
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
    variables.put("awardAmount", 30_000_000L);
    variables.put("region", "EAST");
    variables.put("indicatorTargets", Spin.JSON(targets.toString()));
    if (evaluationDue != null) {
      variables.put("evaluationDue", evaluationDue);
    }
    return variables;
  }

  /** Every branch of the area assessment done and agreed; waits at the publication. */
  void assessEverything(ProcessInstance evaluation, Map<String, Object> assessedByCode) {
    for (String key : ASSESS_TASKS) {
      assess(evaluation, key, assessedByCode);
    }
    for (String key : CONFIRM_TASKS) {
      complete(evaluation, key, Map.of(confirmation(key), "AGREE"));
    }
    complete(evaluation, "reviewFundCompliance", Map.of("fundComplianceFinding", "COMPLIANT", "fundComplianceNote", "合规。"));
    assertThat(evaluation).isWaitingAt("publishResult");
  }

  void assess(ProcessInstance evaluation, String taskKey, Map<String, Object> assessedByCode) {
    complete(evaluation, taskKey, assessedValues(taskKey, assessedByCode));
  }

  /** The numbered fields of a team's form: the target (100) unless given by indicator code. */
  Map<String, Object> assessedValues(String taskKey, Map<String, Object> assessedByCode) {
    EvaluationTeam team = EvaluationTeam.ofAssessTask(taskKey);
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < catalogue.size(); i++) {
      Indicator indicator = catalogue.get(i);
      if (team.covers(indicator.area())) {
        values.put(EvaluationTeam.slotVariable(indicator.area(), i + 1), assessedByCode.getOrDefault(indicator.code(), 100L));
      }
    }
    return values;
  }

  static Map<String, Object> spot(Object overall, Object guarantee, Object innovation, Object development, String note) {
    Map<String, Object> values = new HashMap<>();
    values.put("spotAreaOverallService", overall);
    values.put("spotAreaGuaranteeMechanism", guarantee);
    values.put("spotAreaServiceInnovation", innovation);
    values.put("spotAreaLocalDevelopment", development);
    values.put("spotCheckNote", note);
    return values;
  }

  String slot(String code) {
    for (int i = 0; i < catalogue.size(); i++) {
      if (catalogue.get(i).code().equals(code)) {
        return EvaluationTeam.slotVariable(catalogue.get(i).area(), i + 1);
      }
    }
    throw new IllegalArgumentException(code);
  }

  String name(String code) {
    return catalogue.stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow().name();
  }

  int count(int area) {
    return (int) catalogue.stream().filter(i -> i.area() == area).count();
  }

  static String confirmation(String confirmTask) {
    String stem = confirmTask.substring("confirm".length());
    return Character.toLowerCase(stem.charAt(0)) + stem.substring(1) + "Confirmation";
  }

  void setUpPilotAgain() {
    ledger.grantAward(new Award(PILOT, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        new BigDecimal("30000000"), "pilotTermInstance", null));
  }

  Task task(ProcessInstance instance, String key) {
    return taskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  void complete(ProcessInstance instance, String key, Map<String, Object> variables) {
    Task task = task(instance, key);
    assertThat(task).as("open task %s", key).isNotNull();
    taskService().complete(task.getId(), variables);
  }

  Job job(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).singleResult();
  }

  Job timer(ProcessInstance instance, String activityId) {
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).timers().singleResult();
  }

  void executeJob(ProcessInstance instance, String activityId) {
    Job job = job(instance, activityId);
    assertThat(job).as("job of %s", activityId).isNotNull();
    processEngine.getManagementService().executeJob(job.getId());
  }

  @SuppressWarnings("unchecked")
  <T> T variable(ProcessInstance instance, String name) {
    return (T) processEngine.getRuntimeService().getVariable(instance.getId(), name);
  }

  /** A variable of the instance itself (not a step's local one), as the caller reads it at the end. */
  Object historicVariable(ProcessInstance instance, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).list().stream().filter(v -> instance.getId().equals(v.getActivityInstanceId()))
        .findFirst().orElseThrow().getValue();
  }

  long historyCount(ProcessInstance instance, String taskKey) {
    return processEngine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).finished().count();
  }

  ArrayNode rows(ProcessInstance instance, String name) {
    try {
      return (ArrayNode) JSON.readTree(variable(instance, name).toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode row(ProcessInstance instance, String name, String code) {
    for (JsonNode row : rows(instance, name)) {
      if (row.path("code").asText().equals(code)) {
        return row;
      }
    }
    throw new IllegalArgumentException(code);
  }

  String formKey(Task task) {
    return processEngine.getFormService().getTaskFormData(task.getId()).getCamundaFormRef().getKey();
  }

  static DelegateExecution execution(String processInstanceId, String activityId, Map<String, Object> variables) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessInstanceId()).thenReturn(processInstanceId);
    when(execution.getCurrentActivityId()).thenReturn(activityId);
    variables.forEach((name, value) -> when(execution.getVariable(name)).thenReturn(value));
    return execution;
  }

  static int count(String table) {
    return new JdbcTemplate(MoneyRecords.dataSource()).queryForObject("select count(*) from " + table, Integer.class);
  }

  static String formText(String name) {
    try (java.io.InputStream in = resource(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static java.io.InputStream resource(String name) {
    return AnnualEvaluationProcessTest.class.getClassLoader().getResourceAsStream(name);
  }

  static String creditCode(String first16) {
    String first17 = first16 + "X";
    String code = first17 + CreditCode.checkCharacter(first17);
    assertThat(CreditCode.problem(code)).isNull();
    return code;
  }

  TaskService taskService() {
    return processEngine.getTaskService();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

}
