package org.pilotcity.programyear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/** JSON lists as the program's variables carry them: Spin Json from forms and models, text or lists from REST and Java. */
final class SelectionResults {

  static final ObjectMapper JSON = new ObjectMapper();

  private SelectionResults() {}

  /** The elements of a JSON array variable; empty for null or anything that is not an array. */
  static ArrayNode array(Object value) {
    try {
      JsonNode node;
      if (value == null) {
        return JSON.createArrayNode();
      } else if (value instanceof SpinJsonNode spin) {
        node = JSON.readTree(spin.toString());
      } else if (value instanceof String text) {
        node = text.isBlank() ? JSON.createArrayNode() : JSON.readTree(text);
      } else {
        node = JSON.valueToTree(value);
      }
      return node instanceof ArrayNode array ? array : JSON.createArrayNode();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return JSON.createArrayNode();
    }
  }

  /** A Spin Json variable value of the given rows, for Tasklist tables and REST readers. */
  static TypedValue json(List<Map<String, Object>> rows) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  static Integer integerOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.intValue();
    }
    try {
      return Integer.valueOf(value.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Double decimalOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    try {
      return Double.valueOf(value.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
