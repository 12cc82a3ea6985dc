package org.pilotcity.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Rows of a list that a form fills in, one numbered field per row ({@code target_1}, {@code score_1},
 * {@code conflict_1}, …; 1 = the first row of the list the form shows). Tasklist 7.24's forms (form-js
 * 1.8.7) cannot take input in a dynamic list — an edited row leaves an empty error entry behind and the
 * Complete button stays disabled (bpmn-io/form-js#1494) — so the selection's forms use numbered fields.
 * REST and Java callers may send the same variables, or the list itself as JSON rows. Used by the
 * selection (scheme targets, scores, conflicts) and by the city application (baselines and targets).
 */
public final class FormSlots {

  public static final String TARGET = "target_";
  public static final String SCORE = "score_";
  public static final String CONFLICT = "conflict_";
  public static final String BASELINE = "baseline_";

  private FormSlots() {}

  /** The variable name of row {@code index} (0-based) of the list. */
  public static String name(String prefix, int index) {
    return prefix + (index + 1);
  }

  /**
   * A number as forms (Integer, Long, Double) and REST callers (numbers or numeric text) send it; null when
   * missing or blank; {@link NumberFormatException} when it is something else.
   */
  public static BigDecimal number(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : new BigDecimal(text);
  }

  /** True if any of the numbered fields prefix1 … prefixN holds something (a checkbox: is ticked). */
  public static boolean anyFilled(VariableScope scope, String prefix, int count) {
    for (int index = 0; index < count; index++) {
      Object value = scope.getVariable(name(prefix, index));
      if (value != null && !value.toString().isBlank() && !Boolean.FALSE.equals(value)
          && !"false".equalsIgnoreCase(value.toString().trim())) {
        return true;
      }
    }
    return false;
  }

  /** A JSON field's value as a form would send it: number, text, boolean or null. */
  public static Object value(JsonNode row, String field) {
    JsonNode value = row == null ? null : row.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  /** A checkbox: true for Boolean true or the text "true". */
  public static boolean checked(Object value) {
    return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value).trim());
  }
}
