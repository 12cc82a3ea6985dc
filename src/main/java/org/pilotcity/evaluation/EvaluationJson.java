package org.pilotcity.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The evaluation's lists are Json variables, so that Tasklist tables, Cockpit and REST callers read them as
 * plain JSON. Reads Spin Json (the caller's indicatorTargets), Json text, lists and maps alike.
 */
final class EvaluationJson {

  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(NODES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private EvaluationJson() {}

  static JsonNode read(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof TypedValue typed) {
      return read(typed.getValue());
    }
    try {
      if (value instanceof SpinJsonNode spin) {
        return MAPPER.readTree(spin.toString());
      }
      if (value instanceof String text) {
        return MAPPER.readTree(text);
      }
    } catch (JsonProcessingException notJson) {
      return NullNode.getInstance();
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return MAPPER.valueToTree(value);
    }
    return NullNode.getInstance();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A Json variable value (Spin) holding this tree. */
  static TypedValue json(JsonNode node) {
    return SpinValues.jsonValue(text(node)).create();
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A number field: JSON number or numeric text; null when missing, null or blank or not a number. */
  static BigDecimal number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual() && !value.textValue().isBlank()) {
      try {
        return new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return null;
  }

  /** A decimal as a JSON number without trailing zeros (5, not 5.0000000000). */
  static void put(ObjectNode row, String field, BigDecimal value) {
    if (value == null) {
      row.putNull(field);
    } else {
      BigDecimal plain = value.stripTrailingZeros();
      row.put(field, plain.scale() < 0 ? plain.setScale(0) : plain);
    }
  }
}
