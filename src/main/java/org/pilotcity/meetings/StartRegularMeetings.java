package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.springframework.stereotype.Component;

/**
 * Calls the period's regular meeting of every applicant unit: one {@code jointMeeting} per unit, in the
 * unit's tenant, started by the message {@value #MESSAGE} with the period, a proposed topic and the day by
 * which provincial finance convenes it ({@code conveneDays} after the period's first day, or after today when
 * the call comes late). The business key (period's first day and unit) makes a repeated call start nothing twice.
 */
@Component("startRegularMeetings")
public class StartRegularMeetings implements JavaDelegate {

  static final String MESSAGE = "regularJointMeetingDue";
  static final String MEETING_PROCESS = "jointMeeting";
  static final String STARTED = "meetingsStarted";

  private final Organization organization;

  public StartRegularMeetings(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate period = Deadlines.toLocalDate(execution.getVariable(ScheduleNextMeetingPeriod.NEXT_START));
    String periodName = (String) execution.getVariable(ScheduleNextMeetingPeriod.NEXT_NAME);
    int conveneDays = ((Number) execution.getVariable(ScheduleNextMeetingPeriod.CONVENE_DAYS)).intValue();
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    LocalDate conveneDue = (today.isAfter(period) ? today : period).plusDays(conveneDays);

    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    // the meetings are the calendar's, not of whoever ran its job by hand in Cockpit: with a user logged in
    // the engine would make that user every meeting's initiator, and so the holder of every record task
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    Authentication runBy = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      execution.setVariable(STARTED, startMeetings(runtime, history, period, periodName, conveneDue));
    } finally {
      if (runBy != null) {
        identity.setAuthentication(runBy);
      }
    }
  }

  private int startMeetings(RuntimeService runtime, HistoryService history, LocalDate period, String periodName,
      LocalDate conveneDue) {
    int started = 0;
    for (ApplicantUnit unit : organization.units()) {
      String businessKey = businessKey(period, unit.code());
      if (history.createHistoricProcessInstanceQuery().processDefinitionKey(MEETING_PROCESS)
          .processInstanceBusinessKey(businessKey).count() > 0) {
        continue; // already called for this period
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(UnitTenantIdProvider.UNIT_VARIABLE, unit.code());
      variables.put(ValidateMeetingRequest.KIND, MeetingOptions.REGULAR);
      variables.put(MeetingPeriods.PERIOD, period.toString());
      variables.put(MeetingPeriods.PERIOD_NAME, periodName);
      variables.put(MeetingPeriods.CONVENE_DUE, conveneDue.toString());
      variables.put("meetingTopic", periodName + "联席会议");
      runtime.startProcessInstanceByMessage(MESSAGE, businessKey, variables);
      started++;
    }
    return started;
  }

  /** "2027-04-01-210000": the period's first day, then the unit. */
  static String businessKey(LocalDate period, String unitCode) {
    return period + "-" + unitCode;
  }
}
