package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.LAG_CAUSES;
import static org.pilotcity.monitoring.MonitoringOptions.SUPERVISION_MEASURES;
import static org.pilotcity.monitoring.MonitoringOptions.TEXT_MAX;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/** A lag warning (试点进度滞后预警) is closed only with the causes found and the measures taken to push on. */
@Component("validateLagResponse")
public class ValidateLagResponse implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors.of(task)
        .text(LAG_CAUSES, "滞后原因", TEXT_MAX)
        .text(SUPERVISION_MEASURES, "督促措施", TEXT_MAX)
        .throwIfAny();
  }
}
