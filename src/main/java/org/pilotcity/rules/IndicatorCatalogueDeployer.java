package org.pilotcity.rules;

import static org.pilotcity.rules.RuleDecisions.INDICATOR_CATALOGUE;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Post-deployer: a new deployment that brings an indicator catalogue, area weights or scoring rules is
 * checked with {@link IndicatorCatalogue} against the other two (from the same deployment, else the latest
 * deployed of the same tenant or shared). An invalid combination throws, which rolls the deployment back.
 */
public class IndicatorCatalogueDeployer implements Deployer {

  private final IndicatorCatalogue catalogue;

  public IndicatorCatalogueDeployer(IndicatorCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return; // re-parsing an existing deployment into the cache: it was checked when it was deployed
    }
    Map<String, DmnDecision> decisions = new HashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (isDmn(resource.getName()) && mentionsCatalogueDecision(resource.getBytes())) {
        decisions.putAll(catalogue.parse(new ByteArrayInputStream(resource.getBytes())));
      }
    }
    if (decisions.isEmpty()) {
      return;
    }
    for (String key : IndicatorCatalogue.DECISION_KEYS) {
      if (!decisions.containsKey(key)) {
        deployedDecision(key, deployment.getTenantId(), decisions);
      }
    }
    if (!decisions.containsKey(INDICATOR_CATALOGUE)) {
      return; // new weights or scoring rules, but no catalogue anywhere yet: nothing to check them against
    }
    catalogue.validate(catalogue.load(decisions));
  }

  private void deployedDecision(String key, String tenantId, Map<String, DmnDecision> into) {
    CommandContext commandContext = Context.getCommandContext();
    DecisionDefinitionEntity definition = null;
    if (tenantId != null) {
      definition = commandContext.getDecisionDefinitionManager().findLatestDecisionDefinitionByKeyAndTenantId(key, tenantId);
    }
    if (definition == null) {
      definition = commandContext.getDecisionDefinitionManager().findLatestDecisionDefinitionByKeyAndTenantId(key, null);
    }
    if (definition == null) {
      return;
    }
    ResourceEntity resource = commandContext.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    if (resource != null) {
      DmnDecision decision = catalogue.parse(new ByteArrayInputStream(resource.getBytes())).get(key);
      if (decision != null) {
        into.put(key, decision);
      }
    }
  }

  private static boolean isDmn(String name) {
    return name != null && (name.endsWith(".dmn") || name.endsWith(".dmn11.xml") || name.endsWith(".dmn.xml"));
  }

  private static boolean mentionsCatalogueDecision(byte[] bytes) {
    if (bytes == null) {
      return false;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return IndicatorCatalogue.DECISION_KEYS.stream().anyMatch(key -> text.contains("\"" + key + "\""));
  }
}
