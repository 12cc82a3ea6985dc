package org.pilotcity.selection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * 记录本年度无试点: no city applied (or none was eligible) by the deadline. The outcome the ministry and
 * the programYear process read: {@code selectionOutcome} NO_PILOT, no selected city, an empty ranking.
 */
@Component("recordNoPilot")
public class RecordNoPilot implements JavaDelegate {

  static final String NO_APPLICATION_REASON = "本年度无城市申报";

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(SelectionVariables.SELECTION_OUTCOME, SelectionVariables.OUTCOME_NO_PILOT);
    execution.setVariable(SelectionVariables.SELECTED_CITIES, JsonVariables.json(JsonVariables.array()));
    execution.setVariable(SelectionVariables.RANKING, JsonVariables.json(JsonVariables.array()));
    execution.setVariable(SelectionVariables.SELECTION_REASON, NO_APPLICATION_REASON);
  }
}
