package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.APPLICATIONS;
import static org.pilotcity.selection.SelectionVariables.REVIEWER;
import static org.pilotcity.selection.SelectionVariables.REVIEW_SCORES;
import static org.pilotcity.selection.SelectionVariables.REVIEW_SHEET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Checks one reviewer's score sheet and adds it to {@code reviewScores} = [{reviewer, cityCode, score,
 * conflictOfInterest, at}]. Every application of the competition needs either a score from 0 to 100 with at
 * most two decimals, or a declared conflict of interest — and then no score. The form sends the n-th
 * application's (order of {@code applications} and of the sheet) as {@code score_n} and {@code conflict_n}
 * (see {@link FormSlots}); REST callers may do the same or send {@code reviewSheet} rows with
 * {@code cityCode}, {@code score} and {@code conflictOfInterest}.
 */
@Component("recordReviewScores")
public class RecordReviewScores implements TaskListener {

  static final BigDecimal MAX_SCORE = BigDecimal.valueOf(100);

  @Override
  public void notify(DelegateTask task) {
    String reviewer = task.getAssignee() != null ? task.getAssignee() : String.valueOf(task.getVariable(REVIEWER));
    FormErrors errors = FormErrors.of(task);

    List<JsonNode> applications = JsonVariables.elements(task.getVariable(APPLICATIONS));
    boolean fields = FormSlots.anyFilled(task, FormSlots.SCORE, applications.size())
        || FormSlots.anyFilled(task, FormSlots.CONFLICT, applications.size());
    Map<String, JsonNode> rows = fields ? Map.of() : rowsByCode(task, applications, errors);

    ArrayNode scores = JsonVariables.arrayOf(task.getVariable(REVIEW_SCORES));
    boolean scoredBefore = false;
    for (JsonNode earlier : scores) {
      scoredBefore |= reviewer.equals(JsonVariables.text(earlier, "reviewer"));
    }
    errors.require(!scoredBefore, "评审专家 " + reviewer + " 已提交过评分，不能重复评分");

    ArrayNode sheet = JsonVariables.array();
    for (int index = 0; index < applications.size(); index++) {
      JsonNode application = applications.get(index);
      String city = JsonVariables.text(application, "cityName");
      JsonNode row = rows.get(JsonVariables.text(application, "cityCode"));
      boolean conflicted = FormSlots.checked(fields ? task.getVariable(FormSlots.name(FormSlots.CONFLICT, index))
          : FormSlots.value(row, "conflictOfInterest"));
      Object value = fields ? task.getVariable(FormSlots.name(FormSlots.SCORE, index)) : FormSlots.value(row, "score");
      BigDecimal score;
      try {
        score = FormSlots.number(value);
      } catch (NumberFormatException notANumber) {
        errors.require(false, city + "：评分“" + value + "”不是数字");
        continue;
      }
      if (conflicted) {
        errors.require(score == null, city + "：已声明存在利益冲突的，不能评分，请清空评分");
      } else if (score == null) {
        errors.require(false, city + "：必须评分，或声明存在利益冲突并回避评分");
      } else {
        errors.require(score.signum() >= 0 && score.compareTo(MAX_SCORE) <= 0,
            city + "：评分须在0至100分之间（收到" + score.toPlainString() + "）");
        errors.require(score.stripTrailingZeros().scale() <= 2,
            city + "：评分最多保留两位小数（收到" + score.toPlainString() + "）");
      }
      sheet.addObject()
          .put("reviewer", reviewer)
          .put("cityCode", JsonVariables.text(application, "cityCode"))
          .put("score", conflicted || score == null ? null : PrepareSchemeTargets.plain(score))
          .put("conflictOfInterest", conflicted)
          .put("at", ClockUtil.getCurrentTime().toInstant().toString());
    }
    errors.throwIfAny();

    scores.addAll(sheet);
    task.setVariable(REVIEW_SCORES, JsonVariables.json(scores));
  }

  /** The rows of a submitted {@code reviewSheet}, by city code (or by position for rows without one). */
  private static Map<String, JsonNode> rowsByCode(DelegateTask task, List<JsonNode> applications, FormErrors errors) {
    List<String> codes = applications.stream().map(a -> JsonVariables.text(a, "cityCode")).toList();
    List<JsonNode> submitted = JsonVariables.elements(task.getVariable(REVIEW_SHEET));
    Map<String, JsonNode> byCode = new LinkedHashMap<>();
    for (int index = 0; index < submitted.size(); index++) {
      String code = JsonVariables.text(submitted.get(index), "cityCode");
      if (code == null && submitted.size() == applications.size()) {
        code = codes.get(index);
      }
      if (code == null) {
        errors.require(false, "评分表：第" + (index + 1) + "行缺少城市代码");
      } else if (!codes.contains(code)) {
        errors.require(false, "评分表：“" + code + "”不是本次评审的申报城市");
      } else if (byCode.put(code, submitted.get(index)) != null) {
        errors.require(false, "评分表：城市代码“" + code + "”重复");
      }
    }
    return byCode;
  }
}
