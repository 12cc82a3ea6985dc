package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.MATERIALS_CONFIRMED;
import static org.pilotcity.selection.SelectionVariables.OUTCOME_SELECTED;
import static org.pilotcity.selection.SelectionVariables.SELECTION_OUTCOME;
import static org.pilotcity.selection.SelectionVariables.SUBMISSION_NOTE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * Checks the report to the ministry (报送财政部): with pilot cities selected, the province confirms that
 * the list, the implementation plans, the performance targets and the indicator tables are complete
 * ({@code materialsConfirmed}); a note is optional.
 */
@Component("validateSubmission")
public class ValidateSubmission implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task);
    if (OUTCOME_SELECTED.equals(task.getVariable(SELECTION_OUTCOME))) {
      Object confirmed = task.getVariable(MATERIALS_CONFIRMED);
      errors.require(Boolean.TRUE.equals(confirmed) || "true".equals(String.valueOf(confirmed)),
          "材料确认：请确认试点城市名单、实施方案、绩效目标及评价指标表已齐备后再报送");
    }
    errors.optionalText(SUBMISSION_NOTE, "报送说明", SelectionVariables.TEXT_MAX).throwIfAny();
  }
}
