package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pilotcity.rules.RuleDecisions.INDICATOR_SCORE;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scoring one indicator (DMN indicatorScore), one area (achievement %) and the total (DMN performanceScore). */
@Deployment(resources = {"processes/indicatorCatalogue.dmn", "processes/performanceScore.dmn"})
class IndicatorScoringTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  static final RuleCoverage coverage = new RuleCoverage(INDICATOR_SCORE);

  ProcessEngine processEngine;
  IndicatorScoring scoring;
  CatalogueContents catalogue;

  @BeforeEach
  void setUp() {
    coverage.install(processEngine);
    scoring = new IndicatorScoring(processEngine.getDecisionService());
  }

  /** The deployed catalogue (loaded on first use: {@code @Deployment} happens after {@code @BeforeEach}). */
  private CatalogueContents catalogue() {
    if (catalogue == null) {
      catalogue = new IndicatorCatalogue().loadAndValidate(processEngine.getRepositoryService());
    }
    return catalogue;
  }

  @AfterEach
  void countTest() {
    coverage.testFinished();
  }

  @AfterAll
  static void everyScoringRuleWasTested() {
    try {
      coverage.assertComplete(IndicatorScoringTest.class);
    } finally {
      coverage.uninstall();
    }
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private BigDecimal ratio(double assessed) {
    return scoring.score("RATIO_TO_TARGET", 5, null, 100, assessed);
  }

  @Test
  void ratioToTargetIsAssessedOverTargetTimesPointsCappedTo0AndPoints() {
    assertThat(ratio(0)).isEqualByComparingTo("0");
    assertThat(ratio(50)).isEqualByComparingTo("2.5");
    assertThat(ratio(100)).isEqualByComparingTo("5");
    assertThat(ratio(120)).isEqualByComparingTo("5");
    assertThat(ratio(-30)).isEqualByComparingTo("0");
  }

  @Test
  void theCatalogueIndicatorFromAttachment2ScoresByItsRule() {
    Indicator increment = catalogue().indicator("inclusiveLoanBalanceIncrement");
    assertThat(increment.points()).isEqualByComparingTo("5");
    assertThat(scoring.score(increment, null, d("80"), d("60"))).isEqualByComparingTo("3.75");
    assertThat(scoring.score(increment, d("70"), d("80"), d("96"))).isEqualByComparingTo("5");
  }

  @Test
  void growthVsBaselineMeasuresALowTargetAgainstLastYear() {
    Indicator growth = catalogue().indicator("inclusiveLoanBalanceGrowthRate");
    assertThat(growth.isProvisional()).isTrue();
    // ambitious target (above last year's 10%): measured against the target
    assertThat(scoring.score(growth, 10, 12, 12)).isEqualByComparingTo("5");
    assertThat(scoring.score(growth, 10, 12, 9)).isEqualByComparingTo("3.75");
    // target set below last year's actual: measured against last year's actual instead
    assertThat(scoring.score(growth, 10, 8, 8)).isEqualByComparingTo("4");
    assertThat(scoring.score(growth, 10, 8, 11)).isEqualByComparingTo("5");
  }

  @Test
  void belowCeilingGivesFullPointsAtOrBelowTheTarget() {
    Indicator rate = catalogue().indicator("guaranteeFeeRate");
    assertThat(rate.scoringRule()).isEqualTo("BELOW_CEILING");
    assertThat(scoring.score(rate, null, 1.0, 0.8)).isEqualByComparingTo(rate.points());
    assertThat(scoring.score(rate, null, 1.0, 1.0)).isEqualByComparingTo(rate.points());
    assertThat(scoring.score(rate, null, 1.0, 1.5)).isEqualByComparingTo("4");
  }

  @Test
  void missingOrUnusableValuesAreErrorsNamingTheInput() {
    assertThatThrownBy(() -> scoring.score("MAGIC", 5, null, 100, 50)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("决策“指标计分规则”(indicatorScore)没有匹配的规则").hasMessageContaining("scoringRule=MAGIC");
    assertThatThrownBy(() -> scoring.score("RATIO_TO_TARGET", 5, null, 0, 50)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("target=0.0");
    assertThatThrownBy(() -> scoring.score("RATIO_TO_TARGET", 5, null, 100, null)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("assessed=null");
    assertThatThrownBy(() -> scoring.score("GROWTH_VS_BASELINE", 5, null, 12, 12)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("baseline=null");
  }

  @Test
  void areaAchievementIsTheShareOfTheAreasPointsScored() {
    Map<String, Number> scores = new HashMap<>(Map.of("privateSmallFirmGrowth", 4, "techSmeIncrement", 1.5,
        "highTechFirmIncrement", 3));
    assertThat(scoring.areaAchievement(catalogue(), EvaluationArea.LOCAL_DEVELOPMENT, scores)).isEqualByComparingTo("85");
    scores.put("inclusiveLoanBalanceIncrement", 5); // other areas' scores are ignored
    assertThat(scoring.areaAchievement(catalogue(), EvaluationArea.LOCAL_DEVELOPMENT, scores)).isEqualByComparingTo("85");

    Map<String, Number> full = new HashMap<>();
    catalogue().indicatorsOf(EvaluationArea.GUARANTEE_MECHANISM).forEach(i -> full.put(i.code(), i.points()));
    assertThat(scoring.areaAchievement(catalogue(), EvaluationArea.GUARANTEE_MECHANISM, full)).isEqualByComparingTo("100");
  }

  @Test
  void areaAchievementRefusesMissingUnknownOrImpossibleScores() {
    assertThatThrownBy(() -> scoring.areaAchievement(catalogue(), EvaluationArea.LOCAL_DEVELOPMENT,
        Map.of("privateSmallFirmGrowth", 4, "techSmeIncrement", 1.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highTechFirmIncrement");
    assertThatThrownBy(() -> scoring.areaAchievement(catalogue(), EvaluationArea.LOCAL_DEVELOPMENT,
        Map.of("privateSmallFirmGrowth", 4, "techSmeIncrement", 1.5, "highTechFirmIncrement", 3, "noSuchIndicator", 1)))
        .hasMessageContaining("noSuchIndicator");
    assertThatThrownBy(() -> scoring.areaAchievement(catalogue(), EvaluationArea.LOCAL_DEVELOPMENT,
        Map.of("privateSmallFirmGrowth", 4.5, "techSmeIncrement", 1.5, "highTechFirmIncrement", 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("privateSmallFirmGrowth");
  }

  @Test
  void theTotalWeighsTheAreaAchievements() {
    Map<EvaluationArea, Number> achievements = new EnumMap<>(EvaluationArea.class);
    achievements.put(EvaluationArea.OVERALL_SERVICE, 90);
    achievements.put(EvaluationArea.GUARANTEE_MECHANISM, 80);
    achievements.put(EvaluationArea.SERVICE_INNOVATION, 70);
    achievements.put(EvaluationArea.LOCAL_DEVELOPMENT, 85);
    assertThat(scoring.totalScore(achievements)).isEqualByComparingTo("82.5");
    achievements.remove(EvaluationArea.SERVICE_INNOVATION);
    assertThatThrownBy(() -> scoring.totalScore(achievements)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("areaServiceInnovation=null");
  }

  @Test
  void scoringAllIndicatorsAtTargetGivesEveryAreaFullAchievement() {
    for (EvaluationArea area : EvaluationArea.values()) {
      Map<String, Number> scores = new HashMap<>();
      for (Indicator i : catalogue().indicatorsOf(area)) {
        scores.put(i.code(), scoring.score(i, 10, 10, 10));
      }
      assertThat(scoring.areaAchievement(catalogue(), area, scores)).as(area.name()).isEqualByComparingTo("100");
    }
  }
}
