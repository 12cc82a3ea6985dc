package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.COMMENT_MAX;
import static org.pilotcity.evaluation.EvaluationOptions.SPOT_CHECK_NOTE;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;
import org.pilotcity.rules.EvaluationArea;
import org.springframework.stereotype.Component;

/**
 * The local bureau's spot check (抽评复核): the four areas' achievements, each a number from 0 to 100, and a
 * note. All problems at once; nothing is saved when one is wrong.
 */
@Component("validateSpotCheckRescore")
public class ValidateSpotCheckRescore implements TaskListener {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task);
    for (EvaluationArea area : EvaluationArea.values()) {
      String label = EvaluationSheet.areaName(area) + "抽评完成率";
      Object raw = task.getVariable(variable(area));
      BigDecimal value;
      try {
        value = FormSlots.number(raw);
      } catch (NumberFormatException notANumber) {
        errors.require(false, label + "：“" + raw + "”不是有效数字");
        continue;
      }
      errors.require(value != null, label + "：必须填写");
      errors.require(value == null || value.signum() >= 0 && value.compareTo(HUNDRED) <= 0,
          label + "：须在0—100之间（收到" + (value == null ? "" : value.toPlainString()) + "）");
    }
    errors.text(SPOT_CHECK_NOTE, "抽评说明", COMMENT_MAX).throwIfAny();
  }

  /** spotAreaOverallService, spotAreaGuaranteeMechanism, … */
  static String variable(EvaluationArea area) {
    return "spot" + Character.toUpperCase(area.scoreInput().charAt(0)) + area.scoreInput().substring(1);
  }

  /** The checked achievements, by area. */
  static Map<EvaluationArea, BigDecimal> achievements(VariableScope scope) {
    Map<EvaluationArea, BigDecimal> achievements = new EnumMap<>(EvaluationArea.class);
    for (EvaluationArea area : EvaluationArea.values()) {
      achievements.put(area, FormSlots.number(scope.getVariable(variable(area))));
    }
    return achievements;
  }
}
