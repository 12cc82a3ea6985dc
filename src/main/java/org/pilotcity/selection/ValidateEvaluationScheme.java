package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.CATALOGUE_INDICATORS;
import static org.pilotcity.selection.SelectionVariables.INDICATOR_TARGETS;
import static org.pilotcity.selection.SelectionVariables.REVIEWERS;
import static org.pilotcity.selection.SelectionVariables.REVIEWER_IDS;
import static org.pilotcity.selection.SelectionVariables.REVIEWER_OPTIONS;
import static org.pilotcity.selection.SelectionVariables.SCORING_METHOD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;
import org.pilotcity.forms.Selections;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Checks the evaluation scheme (制定评审方案) before it goes to the five departments: a scoring method, at
 * least one reviewer of this unit's review panel, and a numeric target for every indicator of the
 * catalogue. Then stores the scheme in a fixed shape: {@code reviewers} (Json list of user ids),
 * {@code reviewerIds} (the same as a list for the review's multi-instance) and {@code indicatorTargets}
 * (the catalogue rows with their targets). The form sends the target of the n-th catalogue row as
 * {@code target_n} (see {@link FormSlots}); REST callers may do the same or send {@code indicatorTargets}
 * rows with {@code code} and {@code target}.
 */
@Component("validateEvaluationScheme")
public class ValidateEvaluationScheme implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task)
        .text(SCORING_METHOD, "评分方法及评审标准", SelectionVariables.SCORING_METHOD_MAX);

    List<String> options = new ArrayList<>();
    JsonVariables.elements(task.getVariable(REVIEWER_OPTIONS)).forEach(o -> options.add(JsonVariables.text(o, "value")));
    if (options.isEmpty()) {
      errors.require(false, "评审专家：本单位评审专家组尚无成员，请管理员先在本单位添加评审专家组（reviewPanel）用户");
    } else {
      errors.selection(REVIEWERS, "评审专家", options);
    }
    List<String> reviewerIds = new ArrayList<>(new LinkedHashSet<>(Selections.asStrings(task.getVariable(REVIEWERS))));

    ArrayNode targets = targets(task, errors);
    errors.throwIfAny();

    ArrayNode reviewers = JsonVariables.array();
    reviewerIds.forEach(reviewers::add);
    task.setVariable(REVIEWERS, JsonVariables.json(reviewers));
    task.setVariable(REVIEWER_IDS, Variables.objectValue(reviewerIds)
        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    task.setVariable(INDICATOR_TARGETS, JsonVariables.json(targets));
  }

  /**
   * The catalogue rows with their targets: from the form's fields target_1, target_2, … (n-th catalogue row),
   * or, when none of them is filled, from the submitted {@code indicatorTargets} rows (by {@code code}, or by
   * position for rows without one). Records a problem for each missing or wrong target.
   */
  private static ArrayNode targets(DelegateTask task, FormErrors errors) {
    List<JsonNode> catalogue = JsonVariables.elements(task.getVariable(CATALOGUE_INDICATORS));
    boolean fields = FormSlots.anyFilled(task, FormSlots.TARGET, catalogue.size());
    Map<String, JsonNode> rows = fields ? Map.of() : rowsByCode(task, catalogue, errors);
    ArrayNode targets = JsonVariables.array();
    for (int index = 0; index < catalogue.size(); index++) {
      JsonNode indicator = catalogue.get(index);
      String name = JsonVariables.text(indicator, "name");
      Object value = fields ? task.getVariable(FormSlots.name(FormSlots.TARGET, index))
          : FormSlots.value(rows.get(JsonVariables.text(indicator, "code")), "target");
      BigDecimal target = null;
      try {
        target = FormSlots.number(value);
        errors.require(target != null, "指标“" + name + "”：必须填写目标值");
      } catch (NumberFormatException notANumber) {
        errors.require(false, "指标“" + name + "”：目标值“" + value + "”不是数字");
      }
      ObjectNode full = indicator.deepCopy();
      full.put("target", target == null ? null : PrepareSchemeTargets.plain(target));
      targets.add(full);
    }
    return targets;
  }

  private static Map<String, JsonNode> rowsByCode(DelegateTask task, List<JsonNode> catalogue, FormErrors errors) {
    List<JsonNode> rows = JsonVariables.elements(task.getVariable(INDICATOR_TARGETS));
    List<String> known = catalogue.stream().map(i -> JsonVariables.text(i, "code")).toList();
    Map<String, JsonNode> byCode = new LinkedHashMap<>();
    for (int index = 0; index < rows.size(); index++) {
      String code = JsonVariables.text(rows.get(index), "code");
      if (code == null && rows.size() == catalogue.size()) {
        code = known.get(index);
      }
      if (code == null) {
        errors.require(false, "指标目标值：第" + (index + 1) + "行缺少指标代码");
      } else if (!known.contains(code)) {
        errors.require(false, "指标目标值：“" + code + "”不是指标目录中的指标");
      } else {
        byCode.put(code, rows.get(index));
      }
    }
    return byCode;
  }
}
