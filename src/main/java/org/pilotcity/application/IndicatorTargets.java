package org.pilotcity.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.pilotcity.forms.FormSlots;
import org.pilotcity.rules.Indicator;

/**
 * The city's performance targets (绩效目标): one row per indicator of the catalogue, with the prior-year
 * actual (上年实际值) and the target (目标值) the city commits to. Kept as a Json array so that Camunda
 * Forms show and submit it as a list.
 *
 * <p>The catalogue as it was when the city registered is kept beside it ({@value #SNAPSHOT}), so that a
 * policy owner changing the catalogue during the window does not make a half-written plan unsubmittable.
 * A submitted list is checked against that snapshot and rebuilt from it: the city supplies only the two
 * numbers per indicator; names, areas and points cannot be altered by what a browser sends.
 *
 * <p>Tasklist's form cannot take input in a dynamic list (form-js 1.8.7, bpmn-io/form-js#1494), so the
 * form sends the n-th catalogue row's numbers as numbered fields {@code baseline_n} and {@code target_n}
 * (see {@link FormSlots}). While the plan is being written the stored rows carry no numbers; REST and Java
 * callers may send the rows with numbers instead, and such rows take precedence over the numbered fields.
 * After a successful submission the numbered fields are removed; a return puts the submitted numbers back
 * into them (and empties the rows), so that the form shows them again.
 */
final class IndicatorTargets {

  static final String VARIABLE = "indicatorTargets";
  static final String SNAPSHOT = "indicatorCatalogueSnapshot";
  /** Numbered fields on the form: baseline_1 … baseline_40, target_1 … target_40. */
  static final int SLOTS = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private IndicatorTargets() {}

  /** The rows to fill in: code, name, area, points, unit, and empty baseline and target. */
  static SpinJsonNode blank(List<Indicator> indicators) {
    ArrayNode rows = JSON.createArrayNode();
    for (Indicator indicator : indicators) {
      ObjectNode row = describe(indicator);
      row.putNull("baseline");
      row.putNull("target");
      rows.add(row);
    }
    return spin(rows);
  }

  /** What the targets are checked against: the catalogue's rows without values. */
  static SpinJsonNode snapshot(List<Indicator> indicators) {
    ArrayNode rows = JSON.createArrayNode();
    indicators.forEach(indicator -> rows.add(describe(indicator)));
    return spin(rows);
  }

  /**
   * Checks the submitted rows: exactly the snapshot's indicators, each once, each with a numeric prior-year
   * actual and a target that is not negative. Records every problem; returns the rebuilt rows (in catalogue
   * order) when there was none, else null.
   */
  static SpinJsonNode check(List<String> problems, Object submitted, Object snapshotValue) {
    JsonNode catalogue = tree(snapshotValue);
    if (catalogue == null || !catalogue.isArray()) {
      throw new IllegalStateException("申报缺少登记时的指标目录（" + SNAPSHOT + "）");
    }
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    catalogue.forEach(row -> expected.put(row.path("code").asText(), row));

    JsonNode rows = tree(submitted);
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      problems.add("绩效目标：必须逐项填写指标目录中每一项指标的上年实际值和目标值");
      return null;
    }
    int before = problems.size();
    Map<String, BigDecimal[]> values = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (JsonNode row : rows) {
      index++;
      String code = row.path("code").isTextual() ? row.path("code").asText().trim() : "";
      if (code.isEmpty()) {
        problems.add("绩效目标第" + index + "项：缺少指标代码");
        continue;
      }
      JsonNode indicator = expected.get(code);
      if (indicator == null) {
        problems.add("绩效目标第" + index + "项：指标代码“" + code + "”不在指标目录中，不能增加指标");
        continue;
      }
      String name = "绩效目标“" + indicator.path("name").asText() + "”";
      if (!seen.add(code)) {
        problems.add(name + "：重复填写");
        continue;
      }
      BigDecimal baseline = number(problems, row.get("baseline"), name + "：上年实际值");
      BigDecimal target = number(problems, row.get("target"), name + "：目标值");
      // every scoring rule divides by the target: a target of 0 could never be scored
      if (target != null && target.signum() <= 0) {
        problems.add(name + "：目标值必须大于0（收到" + target.toPlainString() + "）");
      }
      values.put(code, new BigDecimal[] {baseline, target});
    }
    List<String> missing = new ArrayList<>();
    expected.forEach((code, indicator) -> {
      if (!seen.contains(code)) {
        missing.add("“" + indicator.path("name").asText() + "”");
      }
    });
    if (!missing.isEmpty()) {
      problems.add("绩效目标：缺少指标" + String.join("、", missing) + "，指标目录中的每一项都须填写，不能删除");
    }
    if (problems.size() > before) {
      return null;
    }
    ArrayNode rebuilt = JSON.createArrayNode();
    expected.forEach((code, indicator) -> {
      ObjectNode row = indicator.deepCopy();
      BigDecimal[] pair = values.get(code);
      putNumber(row, "baseline", pair[0]);
      putNumber(row, "target", pair[1]);
      rebuilt.add(row);
    });
    return spin(rebuilt);
  }

  /**
   * What was submitted: the {@value #VARIABLE} rows when they carry a number or when no numbered field is
   * filled; else rows built from the numbered fields, in the order of the snapshot.
   */
  static Object submitted(VariableScope scope) {
    Object rows = scope.getVariable(VARIABLE);
    int count = Math.min(SLOTS, sizeOf(scope.getVariable(SNAPSHOT)));
    boolean fields = FormSlots.anyFilled(scope, FormSlots.BASELINE, count)
        || FormSlots.anyFilled(scope, FormSlots.TARGET, count);
    if (!fields || carriesNumbers(tree(rows))) {
      return rows;
    }
    JsonNode catalogue = tree(scope.getVariable(SNAPSHOT));
    ArrayNode built = JSON.createArrayNode();
    int index = 0;
    for (JsonNode indicator : catalogue) {
      ObjectNode row = built.addObject();
      row.set("code", indicator.get("code"));
      row.set("baseline", node(index < SLOTS ? scope.getVariable(FormSlots.name(FormSlots.BASELINE, index)) : null));
      row.set("target", node(index < SLOTS ? scope.getVariable(FormSlots.name(FormSlots.TARGET, index)) : null));
      index++;
    }
    return built;
  }

  /** After a submission: the numbers live in the rows only. */
  static void clearSlots(VariableScope scope) {
    for (int index = 0; index < SLOTS; index++) {
      scope.removeVariable(FormSlots.name(FormSlots.BASELINE, index));
      scope.removeVariable(FormSlots.name(FormSlots.TARGET, index));
    }
  }

  /** On a return: the submitted numbers go back into the numbered fields, and the rows are emptied. */
  static void reopen(VariableScope scope) {
    JsonNode rows = tree(scope.getVariable(VARIABLE));
    if (rows == null || !rows.isArray()) {
      return;
    }
    ArrayNode blank = JSON.createArrayNode();
    int index = 0;
    for (JsonNode row : rows) {
      if (index < SLOTS) {
        scope.setVariable(FormSlots.name(FormSlots.BASELINE, index), plain(row.get("baseline")));
        scope.setVariable(FormSlots.name(FormSlots.TARGET, index), plain(row.get("target")));
      }
      ObjectNode emptied = row.deepCopy();
      emptied.putNull("baseline");
      emptied.putNull("target");
      blank.add(emptied);
      index++;
    }
    scope.setVariable(VARIABLE, spin(blank));
  }

  private static int sizeOf(Object json) {
    JsonNode node = tree(json);
    return node != null && node.isArray() ? node.size() : 0;
  }

  private static boolean carriesNumbers(JsonNode rows) {
    if (rows == null || !rows.isArray()) {
      return false;
    }
    for (JsonNode row : rows) {
      for (String field : List.of("baseline", "target")) {
        JsonNode value = row.get(field);
        if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A form's or REST caller's field value as Json: numbers as numbers, anything else as text. */
  private static JsonNode node(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof Number) {
      return JSON.getNodeFactory().numberNode(FormSlots.number(value));
    }
    return JSON.getNodeFactory().textNode(value.toString());
  }

  /** A stored number as a form's number field takes it: Long when whole, else Double. */
  private static Object plain(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return null;
    }
    return value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
  }

  private static ObjectNode describe(Indicator indicator) {
    ObjectNode row = JSON.createObjectNode();
    row.put("code", indicator.code());
    row.put("name", indicator.name());
    if (indicator.area() == null) {
      row.putNull("area");
    } else {
      row.put("area", indicator.area());
    }
    putNumber(row, "points", indicator.points());
    row.put("unit", indicator.unit());
    return row;
  }

  private static BigDecimal number(List<String> problems, JsonNode value, String label) {
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      problems.add(label + "必须填写");
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException notANumber) {
        // reported below
      }
    }
    problems.add(label + "“" + (value.isTextual() ? value.asText() : value.toString()) + "”不是数字");
    return null;
  }

  private static void putNumber(ObjectNode row, String field, BigDecimal value) {
    if (value == null) {
      row.putNull(field);
      return;
    }
    BigDecimal plain = value.stripTrailingZeros();
    if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      row.put(field, plain.longValueExact());
    } else {
      row.put(field, value.doubleValue());
    }
  }

  /** Json from Camunda Forms (Spin), a list of maps from Java callers, or Json text from REST callers. */
  static JsonNode tree(Object value) {
    try {
      if (value == null) {
        return null;
      }
      if (value instanceof SpinJsonNode json) {
        return JSON.readTree(json.toString());
      }
      if (value instanceof String text) {
        return JSON.readTree(text);
      }
      return JSON.valueToTree(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  private static SpinJsonNode spin(JsonNode node) {
    return Spin.JSON(node.toString());
  }
}
