package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.COMMENT_MAX;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/** The ministry's decision whether to spot-check (是否抽评): yes or no, with an optional note. */
@Component("validateSpotCheckDecision")
public class ValidateSpotCheckDecision implements TaskListener {

  static final String SPOT_CHECK = "spotCheck";

  @Override
  public void notify(DelegateTask task) {
    Object value = task.getVariable(SPOT_CHECK);
    boolean yesOrNo = value instanceof Boolean
        || value != null && ("true".equalsIgnoreCase(value.toString().trim()) || "false".equalsIgnoreCase(value.toString().trim()));
    FormErrors.of(task)
        .require(yesOrNo, "是否抽评：请选择抽评或不抽评（收到“" + (value == null ? "" : value) + "”）")
        .optionalText("spotCheckDecisionNote", "说明", COMMENT_MAX)
        .throwIfAny();
    task.setVariable(SPOT_CHECK, Boolean.valueOf(value.toString().trim()));
  }
}
