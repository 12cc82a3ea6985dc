package org.pilotcity.calendar;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/** An escalation (逾期督办) is closed only with a note on what was done about the overdue step. */
@Component("validateOverdueNote")
public class ValidateOverdueNote implements TaskListener {

  static final int NOTE_MAX = 2000;

  @Override
  public void notify(DelegateTask task) {
    FormErrors.of(task).text("overdueNote", "督办情况", NOTE_MAX).throwIfAny();
  }
}
