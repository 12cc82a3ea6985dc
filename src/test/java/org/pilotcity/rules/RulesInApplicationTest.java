package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pilotcity.rules.RuleDecisions.APPLICANT_REGION;
import static org.pilotcity.rules.RuleDecisions.APPLICANT_UNIT_CODE;
import static org.pilotcity.rules.RuleDecisions.FUNDING_CENTRAL;

import java.util.List;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.pilotcity.PilotCityApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The rules inside the Spring Boot application: the starter picks up the plugin, the tables are deployed and checked. */
@SpringBootTest(classes = PilotCityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rules-in-application;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "camunda.bpm.generate-unique-process-engine-name=true",
        "logging.level.root=WARN"})
class RulesInApplicationTest {

  @Autowired
  DecisionService decisionService;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  IndicatorScoring scoring;

  @Autowired
  AwardBudgetCheck budgetCheck;

  @Test
  void theApplicationDeploysValidTablesAndGuardsThem() {
    CatalogueContents catalogue = new IndicatorCatalogue().loadAndValidate(repositoryService);
    assertThat(catalogue.indicators()).isNotEmpty();
    assertThat((Object) decisionService.evaluateDecisionByKey(APPLICANT_REGION)
        .variables(Variables.putValue(APPLICANT_UNIT_CODE, "500000")).evaluate().getSingleEntry()).isEqualTo("WEST");
    assertThatThrownBy(() -> decisionService.evaluateDecisionByKey(APPLICANT_REGION)
        .variables(Variables.putValue(APPLICANT_UNIT_CODE, "999999")).evaluate())
        .isInstanceOf(NoMatchingRuleException.class).hasMessageContaining("applicantUnitCode=999999");
  }

  @Test
  void scoringAndBudgetCheckAreBeans() {
    assertThat(scoring.score("RATIO_TO_TARGET", 5, null, 10, 5)).isEqualByComparingTo("2.5");
    assertThat(budgetCheck.check(FUNDING_CENTRAL, 2020, List.of("CENTRAL")).totalAwards()).isPositive();
  }

  @Test
  void aCatalogueThatDoesNotAddUpIsRefusedByTheRunningApplication() {
    String area2At25 = IndicatorCatalogueTest.withCell(IndicatorCatalogueTest.xml("processes/indicatorCatalogue.dmn"),
        "rule_guaranteeLeverage_points", "6", "1");
    long before = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().name("bad catalogue")
        .addString("indicatorCatalogue.dmn", area2At25).deploy())
        .isInstanceOf(InvalidIndicatorCatalogueException.class).hasMessageContaining("领域2").hasMessageContaining("off by 5");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }
}
