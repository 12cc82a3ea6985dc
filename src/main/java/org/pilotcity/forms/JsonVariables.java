package org.pilotcity.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The processes' lists (applications, scores, ranking, indicator sheets, …) are {@code Json} variables, so
 * that Tasklist forms, Cockpit and REST callers read them as plain JSON. Forms send them back as Json; Java
 * and REST callers may also send lists and maps. This reads all of them the same way and writes Json values.
 * Used by the selection and the annual evaluation.
 */
public final class JsonVariables {

  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(NODES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonVariables() {}

  /** The variable's value as a JSON tree; a missing or unreadable value is {@link NullNode}. */
  public static JsonNode read(Object value) {
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
        String trimmed = text.trim();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
          return MAPPER.readTree(trimmed);
        }
        return NODES.textNode(text);
      }
    } catch (JsonProcessingException notJson) {
      return NullNode.getInstance();
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Number
        || value instanceof Boolean) {
      return MAPPER.valueToTree(value);
    }
    return NODES.textNode(value.toString());
  }

  /** The elements of an array variable; empty if it is not an array. */
  public static List<JsonNode> elements(Object value) {
    JsonNode node = read(value);
    List<JsonNode> result = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(result::add);
    }
    return result;
  }

  /** A modifiable copy of an array variable; an empty array if it is missing or not an array. */
  public static ArrayNode arrayOf(Object value) {
    JsonNode node = read(value);
    return node.isArray() ? (ArrayNode) node.deepCopy() : array();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A Json variable value (Spin) holding this tree. */
  public static TypedValue json(JsonNode node) {
    return SpinValues.jsonValue(write(node)).create();
  }

  /** The tree as JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A decimal as a JSON number without trailing zeros (5, not 5.0000000000); null as JSON null. */
  public static void put(ObjectNode row, String field, BigDecimal value) {
    if (value == null) {
      row.putNull(field);
    } else {
      BigDecimal plain = value.stripTrailingZeros();
      row.put(field, plain.scale() < 0 ? plain.setScale(0) : plain);
    }
  }

  /** Text of a field, or null when it is missing, null or blank. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String text = value.isTextual() ? value.textValue() : value.toString();
    return text.isBlank() ? null : text;
  }

  /**
   * A number from a form (JSON number) or a REST caller (number or numeric text); null when the field is
   * missing, null or blank; throws {@link NumberFormatException} when it is something else.
   */
  public static BigDecimal number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      return value.textValue().isBlank() ? null : new BigDecimal(value.textValue().trim());
    }
    throw new NumberFormatException(value.toString());
  }

  /** A checkbox value: true only for JSON true or the text "true". */
  public static boolean flag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && (value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText()));
  }
}
