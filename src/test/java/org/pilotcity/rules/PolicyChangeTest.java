package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pilotcity.rules.RuleDecisions.AWARD_AMOUNT;
import static org.pilotcity.rules.RuleDecisions.AWARD_STANDARD;
import static org.pilotcity.rules.RuleDecisions.FUNDING_CENTRAL;
import static org.pilotcity.rules.RuleDecisions.FUNDING_LEVEL;
import static org.pilotcity.rules.RuleDecisions.REGION;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy owner edits a table and deploys it: the next evaluation uses it, without restart or Java change. */
class PolicyChangeTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  ProcessEngine processEngine;

  private Object eastAward(DecisionService decisionService) {
    VariableMap east = Variables.putValue(REGION, "EAST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL);
    return decisionService.evaluateDecisionByKey(AWARD_STANDARD).variables(east).evaluate().getSingleResult().getEntry(AWARD_AMOUNT);
  }

  @Test
  @Deployment(resources = "processes/awardStandard.dmn")
  void aNewVersionOfTheAwardTableIsUsedByTheNextEvaluation() {
    DecisionService decisionService = processEngine.getDecisionService();
    RepositoryService repositoryService = processEngine.getRepositoryService();
    assertThat(eastAward(decisionService)).isEqualTo(30_000_000);

    String edited = IndicatorCatalogueTest.withCell(IndicatorCatalogueTest.xml("processes/awardStandard.dmn"),
        "rule_centralEast_awardAmount", "30000000", "35000000");
    String deploymentId = repositoryService.createDeployment().name("东部奖励标准调整为3500万元")
        .addString("awardStandard.dmn", edited).deploy().getId();
    try {
      assertThat(eastAward(decisionService)).isEqualTo(35_000_000);
      assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(AWARD_STANDARD).latestVersion()
          .singleResult().getVersion()).isEqualTo(2);
      // the old version stays available, e.g. to explain an award paid under it
      VariableMap east = Variables.putValue(REGION, "EAST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL);
      assertThat(decisionService.evaluateDecisionByKey(AWARD_STANDARD).version(1).variables(east).evaluate()
          .getSingleResult().<Integer>getEntry(AWARD_AMOUNT)).isEqualTo(30_000_000);
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
    assertThat(eastAward(decisionService)).isEqualTo(30_000_000);
  }
}
