package org.pilotcity.selection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.Indicator;
import org.pilotcity.rules.IndicatorCatalogue;
import org.pilotcity.rules.RuleDecisions;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * 载入指标目录: the scheme fixes a target for every indicator of the catalogue (DMN
 * {@code indicatorCatalogue}, latest shared version). Sets {@code catalogueIndicators} (the catalogue as
 * loaded, the reference the scheme is checked against) and {@code indicatorTargets} (the same rows with
 * {@code target: null}, filled in by 制定评审方案).
 *
 * <p>The catalogue is read with {@link IndicatorCatalogue}, which leaves no decision history behind; it
 * is parsed once per deployed version of the decision.
 */
@Component("prepareSchemeTargets")
public class PrepareSchemeTargets implements JavaDelegate {

  private final IndicatorCatalogue catalogue = new IndicatorCatalogue();
  private String loadedDefinitionId;
  private List<Indicator> loaded;

  @Override
  public void execute(DelegateExecution execution) {
    RepositoryService repository = execution.getProcessEngineServices().getRepositoryService();
    List<Indicator> indicators = AsProgram.call(() -> indicators(repository));
    ArrayNode catalogueRows = JsonVariables.array();
    ArrayNode targets = JsonVariables.array();
    for (Indicator indicator : indicators) {
      ObjectNode row = catalogueRows.addObject();
      row.put("code", indicator.code());
      row.put("name", indicator.name());
      row.put("area", indicator.area());
      row.put("points", plain(indicator.points()));
      row.put("unit", indicator.unit());
      targets.add(row.deepCopy().putNull("target"));
    }
    execution.setVariable(SelectionVariables.CATALOGUE_INDICATORS, JsonVariables.json(catalogueRows));
    execution.setVariable(SelectionVariables.INDICATOR_TARGETS, JsonVariables.json(targets));
  }

  private synchronized List<Indicator> indicators(RepositoryService repository) {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(RuleDecisions.INDICATOR_CATALOGUE).withoutTenantId().latestVersion().singleResult();
    if (latest == null) {
      throw new ProcessEngineException("指标目录（决策 indicatorCatalogue）未部署，无法制定评审方案"
          + " / decision indicatorCatalogue is not deployed");
    }
    if (!latest.getId().equals(loadedDefinitionId)) {
      loaded = catalogue.load(repository).indicators();
      loadedDefinitionId = latest.getId();
    }
    return loaded;
  }

  static BigDecimal plain(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
