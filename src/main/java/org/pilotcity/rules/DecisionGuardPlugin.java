package org.pilotcity.rules;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.stereotype.Component;

/**
 * Engine plugin that keeps the decision tables honest:
 * <ul>
 *   <li>every decision table evaluation that matches no rule throws a {@link NoMatchingRuleException}
 *       naming the decision, the inputs and their values ({@link NoMatchingRuleGuard}); the decision
 *       service hands that exception to the caller unwrapped ({@link NoMatchingRuleUnwrapper});</li>
 *   <li>a new deployment whose indicator catalogue does not add up to the area weights is refused
 *       ({@link IndicatorCatalogueDeployer}), and so is an engine start with such a catalogue deployed.</li>
 * </ul>
 * A Spring bean, so the Camunda Spring Boot starter registers it; model unit tests list it in
 * {@code camunda-test.cfg.xml}.
 */
@Component
public class DecisionGuardPlugin extends AbstractProcessEnginePlugin {

  private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    List<DmnDecisionTableEvaluationListener> listeners = dmn.getCustomPostDecisionTableEvaluationListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
    }
    if (listeners.stream().noneMatch(NoMatchingRuleGuard.class::isInstance)) {
      listeners.add(new NoMatchingRuleGuard());
    }

    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    if (interceptors.stream().noneMatch(NoMatchingRuleUnwrapper.class::isInstance)) {
      interceptors.add(0, new NoMatchingRuleUnwrapper());
    }

    List<Deployer> postDeployers = configuration.getCustomPostDeployers();
    if (postDeployers == null) {
      postDeployers = new ArrayList<>();
      configuration.setCustomPostDeployers(postDeployers);
    }
    if (postDeployers.stream().noneMatch(IndicatorCatalogueDeployer.class::isInstance)) {
      postDeployers.add(new IndicatorCatalogueDeployer(catalogue));
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // in case another plugin replaced the DMN engine configuration after our preInit
    List<DmnDecisionTableEvaluationListener> effective =
        configuration.getDmnEngineConfiguration().getDecisionTableEvaluationListeners();
    if (effective.stream().noneMatch(NoMatchingRuleGuard.class::isInstance)) {
      effective.add(new NoMatchingRuleGuard());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // start-up check of what is already deployed; deployments made later are checked by the post-deployer
    if (catalogue.isDeployed(processEngine.getRepositoryService())) {
      catalogue.loadAndValidate(processEngine.getRepositoryService());
    }
  }
}
