package org.pilotcity.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;

/**
 * Runs after every decision table evaluation (also the required tables of a DRD) and turns "no rule
 * matched" into a {@link NoMatchingRuleException}. A table that wants a fallback says so with a real rule
 * (e.g. the "any other purpose" row of {@code fundUsePurpose}).
 */
public class NoMatchingRuleGuard implements DmnDecisionTableEvaluationListener {

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    if (!event.getMatchingRules().isEmpty()) {
      return;
    }
    DmnDecision decision = event.getDecisionTable();
    throw new NoMatchingRuleException(decision.getKey(), decision.getName(), inputsOf(event));
  }

  private static Map<String, Object> inputsOf(DmnDecisionTableEvaluationEvent event) {
    Map<String, String> expressionById = new LinkedHashMap<>();
    if (event.getDecisionTable().getDecisionLogic() instanceof DmnDecisionTableImpl table) {
      for (DmnDecisionTableInputImpl input : table.getInputs()) {
        if (input.getExpression() != null && input.getExpression().getExpression() != null) {
          expressionById.put(input.getId(), input.getExpression().getExpression().trim());
        }
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    List<DmnEvaluatedInput> inputs = event.getInputs();
    for (DmnEvaluatedInput input : inputs) {
      String name = expressionById.getOrDefault(input.getId(),
          input.getName() != null ? input.getName() : input.getId());
      values.put(name, input.getValue() == null ? null : input.getValue().getValue());
    }
    return values;
  }
}
