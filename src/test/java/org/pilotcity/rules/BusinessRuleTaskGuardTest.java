package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The no-match guard also stops a business rule task in a process, with the same message. */
class BusinessRuleTaskGuardTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml").build();

  ProcessEngine processEngine;

  private static BpmnModelInstance awardProcess() {
    return Bpmn.createExecutableProcess("guardedAward").name("奖励测试").camundaHistoryTimeToLive(1)
        .startEvent("start")
        .businessRuleTask("lookUpRegion").camundaDecisionRef("applicantRegion").camundaMapDecisionResult("singleEntry")
        .camundaResultVariable("region")
        .endEvent("end")
        .done();
  }

  @Test
  @Deployment(resources = "processes/applicantRegion.dmn")
  void aBusinessRuleTaskWithAnUnknownUnitFailsWithTheInputAndValue() {
    String id = processEngine.getRepositoryService().createDeployment()
        .addModelInstance("guardedAward.bpmn", awardProcess()).deploy().getId();
    try {
      ProcessInstance ok = processEngine.getRuntimeService().startProcessInstanceByKey("guardedAward",
          Variables.putValue("applicantUnitCode", "610000"));
      assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(ok.getId())
          .variableName("region").singleResult().getValue()).isEqualTo("WEST");

      assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("guardedAward",
          Variables.putValue("applicantUnitCode", "999999")))
          .isInstanceOf(NoMatchingRuleException.class)
          .hasMessageContaining("决策“申报单位所属地区”(applicantRegion)没有匹配的规则：applicantUnitCode=999999")
          .satisfies(e -> assertThat(((NoMatchingRuleException) e).getInputs()).isEqualTo(Map.of("applicantUnitCode", "999999")))
          .satisfies(e -> assertThat(((NoMatchingRuleException) e).getDecisionKey()).isEqualTo("applicantRegion"));
    } finally {
      processEngine.getRepositoryService().deleteDeployment(id, true);
    }
  }
}
