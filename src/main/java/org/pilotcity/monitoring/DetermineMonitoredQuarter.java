package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.MONITORED_QUARTER;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.PILOT_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.PROCESS_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.PROGRAM_YEAR;
import static org.pilotcity.monitoring.MonitoringOptions.QUARTER_MONITORED;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * When pilotTerm's monitoring timer fires: which quarter of the pilot year has just ended, and whether it
 * is monitored now. It is, if the table {@code monitoringSchedule} monitors it and no monitoring of it was
 * started before (a timer fired twice, or late after a restart, starts nothing twice). Kept local to the
 * firing, so that two quarters' monitorings never share them: {@code monitoredQuarter} (1–4),
 * {@code monitoringKey} (the monitoring's business key, {@code <pilotKey>-Q<n>}) and {@code quarterMonitored}.
 */
@Component("determineMonitoredQuarter")
public class DetermineMonitoredQuarter implements JavaDelegate {

  /** A timer may run early by up to this much (a business calendar, a server clock change): it still counts. */
  static final Duration TOLERANCE = Duration.ofDays(1);

  private final MonitoringSchedule schedule;

  public DetermineMonitoredQuarter(MonitoringSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = MonitoringSchedule.year(execution.getVariable(PROGRAM_YEAR));
    Instant now = ClockUtil.getCurrentTime().toInstant().plus(TOLERANCE);
    int quarter = 0;
    for (int q = 1; q <= 4; q++) {
      if (!MonitoringSchedule.start(year, q).toInstant().isAfter(now)) {
        quarter = q;
      }
    }
    String key = execution.getVariable(PILOT_KEY) + "-Q" + quarter;
    boolean monitored = quarter > 0 && schedule.quarter(quarter).monitored()
        && !alreadyStarted(execution, key);
    execution.setVariableLocal(MONITORED_QUARTER, quarter);
    execution.setVariableLocal(MONITORING_KEY, key);
    execution.setVariableLocal(QUARTER_MONITORED, monitored);
  }

  /** Another firing of this pilot term is about to start it, or a monitoring with the key exists or existed. */
  private static boolean alreadyStarted(DelegateExecution execution, String key) {
    ProcessEngineServices services = execution.getProcessEngineServices();
    return AsProgram.call(() -> services.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(execution.getProcessInstanceId()).variableValueEquals(MONITORING_KEY, key)
        .count() > 0
        || services.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(key).count() > 0);
  }
}
