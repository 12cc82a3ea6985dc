package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wiring of the decision guard. */
class DecisionGuardTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  ProcessEngine processEngine;

  @Test
  void thePluginRegistersEachGuardOnce() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    new DecisionGuardPlugin().preInit(configuration); // a second registration (e.g. Spring + XML) adds nothing
    new DecisionGuardPlugin().postInit(configuration);
    List<DmnDecisionTableEvaluationListener> listeners = configuration.getDmnEngineConfiguration().getDecisionTableEvaluationListeners();
    assertThat(listeners).filteredOn(NoMatchingRuleGuard.class::isInstance).hasSize(1);
    assertThat(configuration.getCustomPostDeployers()).filteredOn(IndicatorCatalogueDeployer.class::isInstance).hasSize(1);
    assertThat(configuration.getCustomPreCommandInterceptorsTxRequired()).filteredOn(NoMatchingRuleUnwrapper.class::isInstance)
        .hasSize(1);
  }

  @Test
  void otherEngineExceptionsPassTheUnwrapperUnchanged() {
    assertThatThrownBy(() -> processEngine.getDecisionService().evaluateDecisionByKey("noSuchDecision").evaluate())
        .isInstanceOf(ProcessEngineException.class).isNotInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("noSuchDecision");
    NoMatchingRuleException inner = new NoMatchingRuleException("k", "名称", Map.of());
    assertThat(NoMatchingRuleUnwrapper.find(new ProcessEngineException("outer", new RuntimeException(inner)))).isSameAs(inner);
    assertThat(inner.getMessage()).contains("决策“名称”(k)没有匹配的规则：（无输入 no inputs）");
  }
}
