package org.pilotcity.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A decision table had no rule for the given inputs: an unknown or missing input, never a silent default.
 * The message names the decision and every input with its value, in Chinese and English.
 */
public class NoMatchingRuleException extends BadUserRequestException {

  private static final long serialVersionUID = 1L;

  private final String decisionKey;
  private final Map<String, Object> inputs;

  public NoMatchingRuleException(String decisionKey, String decisionName, Map<String, Object> inputs) {
    super(message(decisionKey, decisionName, inputs));
    this.decisionKey = decisionKey;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** The key of the decision whose table had no matching rule. */
  public String getDecisionKey() {
    return decisionKey;
  }

  /** The inputs (by input expression, usually the variable name) with the values they evaluated to. */
  public Map<String, Object> getInputs() {
    return inputs;
  }

  static String message(String key, String name, Map<String, Object> inputs) {
    StringBuilder values = new StringBuilder();
    if (inputs.isEmpty()) {
      values.append("（无输入 no inputs）");
    }
    inputs.forEach((input, value) -> {
      if (values.length() > 0) {
        values.append(", ");
      }
      values.append(input).append('=').append(value);
      if (value == null) {
        values.append("（缺少 missing）");
      }
    });
    String shownName = name == null || name.isBlank() ? key : name;
    return "决策“" + shownName + "”(" + key + ")没有匹配的规则：" + values
        + " / decision '" + key + "' has no rule for " + values;
  }
}
