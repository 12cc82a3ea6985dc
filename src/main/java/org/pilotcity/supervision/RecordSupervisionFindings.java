package org.pilotcity.supervision;

import static org.pilotcity.supervision.SupervisionOptions.CONCLUSIONS;
import static org.pilotcity.supervision.SupervisionOptions.CORRECTIONS_REQUIRED;
import static org.pilotcity.supervision.SupervisionOptions.DUE;
import static org.pilotcity.supervision.SupervisionOptions.FINDINGS_MAX;
import static org.pilotcity.supervision.SupervisionOptions.ITEM;
import static org.pilotcity.supervision.SupervisionOptions.ITEM_MAX;
import static org.pilotcity.supervision.SupervisionOptions.MAX_CORRECTIONS;
import static org.pilotcity.supervision.SupervisionOptions.NO_ISSUES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * The findings of a check (记录检查发现): a conclusion, the findings, and when corrections are required up
 * to five of them, each a requirement with a due day after today — no half-filled row, and corrections
 * exactly when the conclusion asks for them. The filled rows become {@code corrections} (JSON rows: no,
 * item, due; numbered 1… in the form's order, empty rows skipped) and {@code correctionCount}, one
 * correction task for the city each.
 */
@Component("recordSupervisionFindings")
public class RecordSupervisionFindings implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("supervisionConclusion", "检查结论", CONCLUSIONS)
        .text("supervisionFindings", "检查发现", FINDINGS_MAX);
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    ArrayNode corrections = JsonVariables.array();
    int filledRows = 0;
    for (int row = 1; row <= MAX_CORRECTIONS; row++) {
      String item = text(task.getVariable(ITEM + row));
      boolean hasDue = !text(task.getVariable(DUE + row)).isEmpty();
      if (item.isEmpty() && !hasDue) {
        continue;
      }
      filledRows++;
      String label = "第" + row + "项整改";
      if (item.isEmpty() || !hasDue) {
        errors.require(false, label + "：整改要求和整改期限须同时填写（不需要的行请全部清空）");
        continue;
      }
      errors.require(item.length() <= ITEM_MAX,
          String.format("%s要求：不能超过%d个字符（现为%d个）", label, ITEM_MAX, item.length()));
      LocalDate due = errors.date(DUE + row, label + "期限");
      if (due != null && !due.isAfter(today)) {
        errors.require(false, String.format("%s期限：%s须晚于今天（%s）", label, due, today));
        continue;
      }
      if (due != null) {
        ObjectNode correction = corrections.addObject();
        correction.put("no", corrections.size());
        // the task description adds its own full stop
        correction.put("item", item.replaceAll("[。；;.，,\\s]+$", ""));
        correction.put("due", due.toString());
      }
    }
    Object conclusion = task.getVariable("supervisionConclusion");
    errors.require(!CORRECTIONS_REQUIRED.equals(conclusion) || filledRows > 0,
        "整改事项：结论为发现问题须整改时，至少填写一项整改要求和整改期限");
    errors.require(!NO_ISSUES.equals(conclusion) || filledRows == 0,
        "整改事项：结论为未发现问题时不能填写整改事项，请清空或将结论改为发现问题须整改");
    errors.throwIfAny();

    task.setVariable("corrections", JsonVariables.json(corrections));
    task.setVariable("correctionCount", corrections.size());
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
