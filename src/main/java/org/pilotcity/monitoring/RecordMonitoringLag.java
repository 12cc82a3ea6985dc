package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.LAG_REASON;
import static org.pilotcity.monitoring.MonitoringOptions.LAG_RESULT;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_WARNING;
import static org.pilotcity.monitoring.MonitoringOptions.REPORT_DUE;
import static org.pilotcity.monitoring.MonitoringOptions.RESPONSE_DAYS;
import static org.pilotcity.monitoring.MonitoringOptions.WARNING_DUE;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.springframework.stereotype.Component;

/**
 * After the table {@code monitoringLag} judged the pilot: {@code monitoringWarning} (true when it lags — the
 * variable Tasklist filters select the warnings by) and {@code lagReason}. For a warning, the day by which the
 * province handles it ({@code warningDue}, set at the start to the table's responseDays after the report
 * deadline) moves to responseDays after today when the reports came in late. The table's row is dropped.
 */
@Component("recordMonitoringLag")
public class RecordMonitoringLag implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Map<?, ?> result = (Map<?, ?>) execution.getVariable(LAG_RESULT);
    if (result == null || !(result.get("lagging") instanceof Boolean lagging)) {
      throw new IllegalStateException("monitoringLag gave no decision for " + execution.getProcessBusinessKey());
    }
    execution.setVariable(MONITORING_WARNING, lagging);
    execution.setVariable(LAG_REASON, String.valueOf(result.get("lagReason")));
    if (lagging && Deadlines.today(ClockUtil.getCurrentTime()).isAfter(
        Deadlines.toLocalDate(execution.getVariable(REPORT_DUE)))) {
      LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
      int days = ((Number) execution.getVariable(RESPONSE_DAYS)).intValue();
      execution.setVariable(WARNING_DUE, today.plusDays(days).toString());
    }
    execution.removeVariable(LAG_RESULT);
  }
}
