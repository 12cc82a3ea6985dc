package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pilotcity.rules.RuleDecisions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every decision table of the notice, row by row, including the "no rule matched" paths. The class ends by
 * checking that every rule row of these tables was hit ({@link RuleCoverage}).
 */
@Deployment(resources = {"processes/applicantRegion.dmn", "processes/annualPilotQuota.dmn",
    "processes/awardStandard.dmn", "processes/annualBudget.dmn", "processes/applicantEligibility.dmn",
    "processes/programTerm.dmn", "processes/programCalendar.dmn", "processes/performanceScore.dmn",
    "processes/evaluationOutcome.dmn", "processes/fundUsePurpose.dmn", "processes/indicatorCatalogue.dmn"})
class DecisionTablesTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  static final RuleCoverage coverage = new RuleCoverage(APPLICANT_REGION, ANNUAL_PILOT_QUOTA, AWARD_STANDARD,
      ANNUAL_BUDGET, APPLICANT_ELIGIBILITY, PROGRAM_TERM, PROGRAM_CALENDAR, PERFORMANCE_WEIGHTS, PERFORMANCE_SCORE,
      EVALUATION_OUTCOME, FUND_USE_PURPOSE, INDICATOR_CATALOGUE);

  ProcessEngine processEngine;
  DecisionService decisionService;

  @BeforeEach
  void setUp() {
    decisionService = processEngine.getDecisionService();
    coverage.install(processEngine);
  }

  @AfterEach
  void countTest() {
    coverage.testFinished();
  }

  @AfterAll
  static void everyRowAndEveryNoMatchPathWasTested() {
    try {
      coverage.assertComplete(DecisionTablesTest.class);
    } finally {
      coverage.uninstall();
    }
  }

  // ------------------------------------------------------------------ helpers

  private DmnDecisionResult evaluate(String key, VariableMap variables) {
    return decisionService.evaluateDecisionByKey(key).variables(variables).evaluate();
  }

  private Object single(String key, VariableMap variables, String output) {
    return evaluate(key, variables).getSingleResult().getEntry(output);
  }

  /** The applicant units of the reference data: code, region, quota. */
  static List<String[]> applicantUnits() throws IOException {
    List<String[]> units = new ArrayList<>();
    try (InputStream in = DecisionTablesTest.class.getClassLoader().getResourceAsStream("organization/applicant-units.csv")) {
      assertThat(in).as("organization/applicant-units.csv on the classpath").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = List.of(reader.readLine().split(","));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        units.add(new String[] {cells[header.indexOf("code")], cells[header.indexOf("region")],
            cells[header.indexOf("annual_quota")], cells[header.indexOf("name_zh")]});
      }
    }
    return units;
  }

  private static LocalDate day(Object date) {
    assertThat(date).isInstanceOf(Date.class);
    return ((Date) date).toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
  }

  // ------------------------------------------------------------------ applicantRegion, annualPilotQuota

  @Test
  void all36UnitsHaveTheRegionAndQuotaOfTheReferenceData() throws IOException {
    List<String[]> units = applicantUnits();
    assertThat(units).hasSize(36);
    SoftAssertions softly = new SoftAssertions();
    for (String[] u : units) {
      VariableMap unit = Variables.putValue(APPLICANT_UNIT_CODE, u[0]);
      softly.assertThat(single(APPLICANT_REGION, unit, REGION)).as("region of %s %s", u[0], u[3]).isEqualTo(u[1]);
      softly.assertThat(single(ANNUAL_PILOT_QUOTA, unit, QUOTA)).as("quota of %s %s", u[0], u[3])
          .isEqualTo(Integer.valueOf(u[2]));
    }
    softly.assertAll();
  }

  @Test
  void atFullQuotaAYearSelects60CitiesFor2point35BillionYuan() throws IOException {
    Map<String, Integer> cities = new TreeMap<>();
    List<String> regionOfEachCity = new ArrayList<>();
    long awards = 0;
    for (String[] u : applicantUnits()) {
      VariableMap unit = Variables.putValue(APPLICANT_UNIT_CODE, u[0]);
      String region = (String) single(APPLICANT_REGION, unit, REGION);
      int quota = (Integer) single(ANNUAL_PILOT_QUOTA, unit, QUOTA);
      int award = (Integer) single(AWARD_STANDARD,
          Variables.putValue(REGION, region).putValue(FUNDING_LEVEL, FUNDING_CENTRAL), AWARD_AMOUNT);
      cities.merge(region, quota, Integer::sum);
      awards += (long) quota * award;
      for (int i = 0; i < quota; i++) {
        regionOfEachCity.add(region);
      }
    }
    assertThat(cities).containsExactlyInAnyOrderEntriesOf(Map.of("EAST", 25, "CENTRAL", 15, "WEST", 20));
    assertThat(cities.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
    assertThat(awards).isEqualTo(2_350_000_000L);

    AwardBudgetCheck.Result check = new AwardBudgetCheck(decisionService).check(FUNDING_CENTRAL, 2020, regionOfEachCity);
    assertThat(check.totalAwards()).isEqualTo(2_350_000_000L);
    assertThat(check.budget()).isEqualTo(2_000_000_000L);
    assertThat(check.exceedsBudget()).isTrue();
    assertThat(check.excess()).isEqualTo(350_000_000L);
    assertThat(check.message()).contains("超出350,000,000元").contains("over budget by 350000000 yuan");
  }

  @Test
  void aUnitCodeThatIsNotOneOfThe36IsAnError() {
    assertThatThrownBy(() -> evaluate(APPLICANT_REGION, Variables.putValue(APPLICANT_UNIT_CODE, "999999")))
        .isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“申报单位所属地区”(applicantRegion)没有匹配的规则：applicantUnitCode=999999")
        .hasMessageContaining("decision 'applicantRegion' has no rule for applicantUnitCode=999999");
    // the Xinjiang Production and Construction Corps is not an addressee of the notice
    assertThatThrownBy(() -> evaluate(ANNUAL_PILOT_QUOTA, Variables.putValue(APPLICANT_UNIT_CODE, "660000")))
        .isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("(annualPilotQuota)")
        .hasMessageContaining("applicantUnitCode=660000");
  }

  @Test
  void aMissingUnitCodeIsAnError() {
    assertThatThrownBy(() -> evaluate(APPLICANT_REGION, Variables.createVariables()))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("applicantUnitCode=null");
    assertThatThrownBy(() -> evaluate(ANNUAL_PILOT_QUOTA, Variables.putValue(APPLICANT_UNIT_CODE, null)))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("applicantUnitCode=null");
  }

  // ------------------------------------------------------------------ awardStandard, annualBudget

  @Test
  void centralAwardsAre30_40_50MillionByRegion() {
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "EAST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL), AWARD_AMOUNT))
        .isEqualTo(30_000_000);
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "CENTRAL").putValue(FUNDING_LEVEL, FUNDING_CENTRAL), AWARD_AMOUNT))
        .isEqualTo(40_000_000);
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "WEST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL), AWARD_AMOUNT))
        .isEqualTo(50_000_000);
  }

  @Test
  void provincialAwardsAndBudgetsAreEachProvincesOwnRows() {
    // Shaanxi and Liaoning run their own pilots with their own money; the region does not matter there
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "WEST").putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL)
        .putValue(APPLICANT_UNIT_CODE, "610000"), AWARD_AMOUNT)).isEqualTo(10_000_000);
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "EAST").putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL)
        .putValue(APPLICANT_UNIT_CODE, "210000"), AWARD_AMOUNT)).isEqualTo(8_000_000);
    assertThat(single(ANNUAL_BUDGET, Variables.putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL).putValue(PROGRAM_YEAR, 2027)
        .putValue(APPLICANT_UNIT_CODE, "610000"), BUDGET_AMOUNT)).isEqualTo(50_000_000L);
    assertThat(single(ANNUAL_BUDGET, Variables.putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL).putValue(PROGRAM_YEAR, 2027)
        .putValue(APPLICANT_UNIT_CODE, "210000"), BUDGET_AMOUNT)).isEqualTo(40_000_000L);
    // the central rows hold whatever unit asks: a central pilot of Shaanxi gets the western standard
    assertThat(single(AWARD_STANDARD, Variables.putValue(REGION, "WEST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL)
        .putValue(APPLICANT_UNIT_CODE, "610000"), AWARD_AMOUNT)).isEqualTo(50_000_000);
  }

  @Test
  void aProvinceWithoutItsOwnRowsHasNoProvincialAwardOrBudget() {
    assertThatThrownBy(() -> evaluate(AWARD_STANDARD, Variables.putValue(REGION, "EAST").putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL)
        .putValue(APPLICANT_UNIT_CODE, "320000")))
        .isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("(awardStandard)").hasMessageContaining("region=EAST, fundingLevel=PROVINCIAL")
        .hasMessageContaining("applicantUnitCode=320000");
    assertThatThrownBy(() -> evaluate(AWARD_STANDARD, Variables.putValue(REGION, "NORTH").putValue(FUNDING_LEVEL, FUNDING_CENTRAL)))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("region=NORTH");
    assertThatThrownBy(() -> evaluate(ANNUAL_BUDGET, Variables.putValue(FUNDING_LEVEL, FUNDING_PROVINCIAL).putValue(PROGRAM_YEAR, 2020)
        .putValue(APPLICANT_UNIT_CODE, "320000")))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("fundingLevel=PROVINCIAL, programYear=2020");
  }

  @Test
  void aSmallSelectionStaysWithinTheBudget() {
    AwardBudgetCheck.Result check = new AwardBudgetCheck(decisionService).check(FUNDING_CENTRAL, 2021, List.of("EAST", "WEST"));
    assertThat(check.totalAwards()).isEqualTo(80_000_000L);
    assertThat(check.exceedsBudget()).isFalse();
    assertThat(check.excess()).isZero();
    assertThat(check.message()).contains("未超出预算").contains("within budget");
  }

  // ------------------------------------------------------------------ applicantEligibility

  private DmnDecisionResultEntries eligibility(String type, Boolean justified) {
    return evaluate(APPLICANT_ELIGIBILITY, Variables.putValue(APPLICANT_TYPE, type).putValue(EXCEPTION_JUSTIFIED, justified))
        .getSingleResult();
  }

  @Test
  void theFourListedApplicantTypesAreEligible() {
    for (String type : List.of("PREFECTURE_CITY", "MUNICIPAL_DISTRICT", "CAPITAL_DISTRICT", "STATE_NEW_AREA")) {
      DmnDecisionResultEntries result = eligibility(type, false);
      assertThat(result.<Boolean>getEntry(ELIGIBLE)).as(type).isTrue();
      assertThat(result.<String>getEntry(REASON)).as(type).contains("属于试点城市范围");
    }
    assertThat(eligibility("PREFECTURE_CITY", null).<Boolean>getEntry(ELIGIBLE)).isTrue();
  }

  @Test
  void anyOtherApplicantNeedsAWrittenJustification() {
    DmnDecisionResultEntries justified = eligibility("OTHER", true);
    assertThat(justified.<Boolean>getEntry(ELIGIBLE)).isTrue();
    assertThat(justified.<String>getEntry(REASON)).contains("书面说明理由").contains("报财政部");
    DmnDecisionResultEntries notJustified = eligibility("OTHER", false);
    assertThat(notJustified.<Boolean>getEntry(ELIGIBLE)).isFalse();
    assertThat(notJustified.<String>getEntry(REASON)).contains("不属于试点城市范围");
  }

  @Test
  void unknownOrMissingEligibilityInputsAreErrors() {
    assertThatThrownBy(() -> eligibility("PROVINCE", false)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("(applicantEligibility)").hasMessageContaining("applicantType=PROVINCE");
    assertThatThrownBy(() -> eligibility("OTHER", null)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("exceptionJustified=null");
    assertThatThrownBy(() -> eligibility(null, true)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("applicantType=null");
  }

  // ------------------------------------------------------------------ programTerm

  private boolean open(Integer year, String level) {
    return (Boolean) single(PROGRAM_TERM, Variables.putValue(PROGRAM_YEAR, year).putValue(FUNDING_LEVEL, level), OPEN);
  }

  @Test
  void theCentralProgramRuns2019To2021() {
    assertThat(open(2018, FUNDING_CENTRAL)).isFalse();
    assertThat(open(2019, FUNDING_CENTRAL)).isTrue();
    assertThat(open(2021, FUNDING_CENTRAL)).isTrue();
    assertThat(open(2022, FUNDING_CENTRAL)).isFalse();
    assertThat((String) single(PROGRAM_TERM, Variables.putValue(PROGRAM_YEAR, 2022).putValue(FUNDING_LEVEL, FUNDING_CENTRAL), REASON))
        .contains("暂定为3年");
  }

  @Test
  void provincialProgramsAreOpenEveryYearFrom2019() {
    assertThat(open(2018, FUNDING_PROVINCIAL)).isFalse();
    assertThat(open(2019, FUNDING_PROVINCIAL)).isTrue();
    assertThat(open(2030, FUNDING_PROVINCIAL)).isTrue();
  }

  @Test
  void aMissingYearOrUnknownFundingLevelIsAnError() {
    assertThatThrownBy(() -> open(null, FUNDING_CENTRAL)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("(programTerm)").hasMessageContaining("programYear=null");
    assertThatThrownBy(() -> open(2020, "MUNICIPAL")).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("fundingLevel=MUNICIPAL");
  }

  // ------------------------------------------------------------------ programCalendar

  @Test
  void in2019EverythingWasDueByAugust31() {
    DmnDecisionResultEntries cal = evaluate(PROGRAM_CALENDAR, Variables.putValue(PROGRAM_YEAR, 2019)).getSingleResult();
    assertThat(day(cal.getEntry(SUBMISSION_DUE))).isEqualTo(LocalDate.of(2019, 8, 31));
    assertThat(day(cal.getEntry(SCHEME_DUE))).isBeforeOrEqualTo(day(cal.getEntry(SUBMISSION_DUE)));
    assertThat(day(cal.getEntry(APPLICATION_DUE))).isBeforeOrEqualTo(day(cal.getEntry(SUBMISSION_DUE)))
        .isAfterOrEqualTo(day(cal.getEntry(SCHEME_DUE)));
    assertThat(day(cal.getEntry(EVALUATION_DUE))).isEqualTo(LocalDate.of(2020, 3, 31));
  }

  @Test
  void from2020TheStandardCalendarApplies() {
    DmnDecisionResultEntries cal = evaluate(PROGRAM_CALENDAR, Variables.putValue(PROGRAM_YEAR, 2020)).getSingleResult();
    assertThat(day(cal.getEntry(SCHEME_DUE))).isEqualTo(LocalDate.of(2020, 1, 31));
    assertThat(day(cal.getEntry(APPLICATION_DUE))).isEqualTo(LocalDate.of(2020, 2, 27));
    assertThat(day(cal.getEntry(SUBMISSION_DUE))).isEqualTo(LocalDate.of(2020, 3, 31));
    assertThat(day(cal.getEntry(EVALUATION_DUE))).isEqualTo(LocalDate.of(2021, 3, 31));
    DmnDecisionResultEntries later = evaluate(PROGRAM_CALENDAR, Variables.putValue(PROGRAM_YEAR, 2027)).getSingleResult();
    assertThat(day(later.getEntry(APPLICATION_DUE))).isEqualTo(LocalDate.of(2027, 2, 27));
    assertThat(day(later.getEntry(EVALUATION_DUE))).isEqualTo(LocalDate.of(2028, 3, 31));
  }

  @Test
  void aCalendarBefore2019OrWithoutYearIsAnError() {
    assertThatThrownBy(() -> evaluate(PROGRAM_CALENDAR, Variables.putValue(PROGRAM_YEAR, 2018)))
        .isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“年度工作时间表”(programCalendar)没有匹配的规则：programYear=2018");
    assertThatThrownBy(() -> evaluate(PROGRAM_CALENDAR, Variables.createVariables()))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("programYear=null");
  }

  // ------------------------------------------------------------------ performanceScore (+ performanceWeights)

  private VariableMap areas(Double overall, Double guarantee, Double innovation, Double local) {
    return Variables.putValue("areaOverallService", overall).putValue("areaGuaranteeMechanism", guarantee)
        .putValue("areaServiceInnovation", innovation).putValue("areaLocalDevelopment", local);
  }

  @Test
  void theTotalWeighsTheAreas40_30_20_10() {
    assertThat((Double) single(PERFORMANCE_SCORE, areas(100.0, 100.0, 100.0, 100.0), TOTAL_SCORE)).isEqualTo(100.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(0.0, 0.0, 0.0, 0.0), TOTAL_SCORE)).isEqualTo(0.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(100.0, 0.0, 0.0, 0.0), TOTAL_SCORE)).isEqualTo(40.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(0.0, 100.0, 0.0, 0.0), TOTAL_SCORE)).isEqualTo(30.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(0.0, 0.0, 100.0, 0.0), TOTAL_SCORE)).isEqualTo(20.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(0.0, 0.0, 0.0, 100.0), TOTAL_SCORE)).isEqualTo(10.0);
    assertThat((Double) single(PERFORMANCE_SCORE, areas(80.0, 70.0, 60.0, 50.0), TOTAL_SCORE)).isEqualTo(70.0);
  }

  @Test
  void anAreaOutside0To100OrMissingGivesNoPartialSum() {
    assertThatThrownBy(() -> evaluate(PERFORMANCE_SCORE, areas(80.0, 120.0, 60.0, 50.0)))
        .isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“绩效评价总分”(performanceScore)没有匹配的规则")
        .hasMessageContaining("areaGuaranteeMechanism=120");
    assertThatThrownBy(() -> evaluate(PERFORMANCE_SCORE, areas(-0.5, 70.0, 60.0, 50.0)))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("areaOverallService=-0.5");
    assertThatThrownBy(() -> evaluate(PERFORMANCE_SCORE, areas(80.0, 70.0, 60.0, null)))
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("areaLocalDevelopment=null");
  }

  // ------------------------------------------------------------------ evaluationOutcome

  private String outcome(Double score) {
    return (String) single(EVALUATION_OUTCOME, Variables.putValue(FINAL_SCORE, score), OUTCOME);
  }

  @Test
  void below70RevokesAndExactly70Passes() {
    assertThat(outcome(69.99)).isEqualTo(OUTCOME_REVOKE);
    assertThat(outcome(70.0)).isEqualTo(OUTCOME_PASS);
    assertThat(outcome(0.0)).isEqualTo(OUTCOME_REVOKE);
    assertThat(outcome(100.0)).isEqualTo(OUTCOME_PASS);
    assertThat(outcome(87.29)).isEqualTo(OUTCOME_PASS);
  }

  @Test
  void aScoreOutside0To100OrMissingIsAnError() {
    assertThatThrownBy(() -> outcome(100.01)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“绩效评价结果运用”(evaluationOutcome)没有匹配的规则：finalScore=100.01");
    assertThatThrownBy(() -> outcome(-1.0)).isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("finalScore=-1.0");
    assertThatThrownBy(() -> outcome(null)).isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("finalScore=null");
  }

  // ------------------------------------------------------------------ fundUsePurpose

  private DmnDecisionResultEntries purpose(String purpose) {
    return evaluate(FUND_USE_PURPOSE, Variables.putValue(PURPOSE, purpose)).getSingleResult();
  }

  @Test
  void riskCompensationCompensatoryPaymentAndGuaranteeCapitalAreAllowed() {
    for (String p : List.of("RISK_COMPENSATION", "COMPENSATORY_PAYMENT", "GUARANTEE_CAPITAL")) {
      assertThat(purpose(p).<Boolean>getEntry(ALLOWED)).as(p).isTrue();
      assertThat(purpose(p).<String>getEntry(REASON)).as(p).startsWith("允许").contains("不得").contains("重复安排资金支持");
    }
  }

  @Test
  void anyOtherPurposeIsRefusedByARealRule() {
    DmnDecisionResultEntries other = purpose("OFFICE_BUILDING");
    assertThat(other.<Boolean>getEntry(ALLOWED)).isFalse();
    assertThat(other.<String>getEntry(REASON)).startsWith("不允许");
  }

  @Test
  void aMissingPurposeIsAnError() {
    assertThatThrownBy(() -> purpose(null)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("(fundUsePurpose)").hasMessageContaining("purpose=null");
  }

  // ------------------------------------------------------------------ indicatorCatalogue (rows)

  @Test
  void theCatalogueRowsAddUpToTheAreaWeights() {
    DmnDecisionResult rows = evaluate(INDICATOR_CATALOGUE, Variables.createVariables());
    Map<Integer, Double> byArea = new TreeMap<>();
    for (DmnDecisionResultEntries row : rows) {
      byArea.merge(row.<Integer>getEntry("area"), row.<Double>getEntry("points"), Double::sum);
    }
    assertThat(byArea).containsExactlyEntriesOf(new TreeMap<>(Map.of(1, 40.0, 2, 30.0, 3, 20.0, 4, 10.0)));
    DmnDecisionResultEntries increment = null;
    for (DmnDecisionResultEntries row : rows) {
      if ("inclusiveLoanBalanceIncrement".equals(row.get("code"))) {
        increment = row;
      }
    }
    assertThat(increment).isNotNull();
    assertThat(increment.<String>getEntry("name")).isEqualTo("普惠型小微企业贷款余额同比增量");
    assertThat(increment.<Double>getEntry("points")).isEqualTo(5.0);
    assertThat(increment.<String>getEntry("scoringRule")).isEqualTo("RATIO_TO_TARGET");
    assertThat(increment.<Boolean>getEntry("provisional")).isFalse();
  }
}
