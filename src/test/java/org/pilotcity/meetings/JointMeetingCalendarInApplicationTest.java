package org.pilotcity.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.pilotcity.support.RunningApplication;

/**
 * The whole application starts the meeting calendar by itself, once: a restart on the same database finds
 * it running and starts no second one. With the application's own engine settings (serialization, tables,
 * tenant provider) its first step fixes the next period.
 */
class JointMeetingCalendarInApplicationTest {

  static final Map<String, String> DATABASE = Map.of("spring.datasource.url",
      "jdbc:h2:mem:meetingCalendar;DB_CLOSE_DELAY=-1");

  @Test
  void theApplicationStartsOneCalendarAndARestartKeepsIt() {
    String calendarId;
    try (RunningApplication app = RunningApplication.start(null, DATABASE)) {
      ProcessEngine engine = app.engine();
      List<ProcessInstance> calendars = calendars(engine);
      assertThat(calendars).hasSize(1);
      ProcessInstance calendar = calendars.get(0);
      assertThat(calendar.getTenantId()).isNull();
      calendarId = calendar.getId();

      // the job executor is off in tests: run the first step as the executor would
      Job first = engine.getManagementService().createJobQuery().processInstanceId(calendarId).messages().singleResult();
      engine.getManagementService().executeJob(first.getId());
      Job timer = engine.getManagementService().createJobQuery().processInstanceId(calendarId).timers().singleResult();
      assertThat(timer.getDuedate()).isAfter(ClockUtil.getCurrentTime());
      assertThat(engine.getRuntimeService().getVariables(calendarId)).containsEntry("cycleMonths", 3)
          .containsEntry("conveneDays", 15).containsKey("nextPeriodStart").doesNotContainKey("meetingCycle");
    }
    try (RunningApplication again = RunningApplication.start(null, DATABASE)) {
      assertThat(calendars(again.engine())).extracting(ProcessInstance::getId).containsExactly(calendarId);
    }
  }

  private static List<ProcessInstance> calendars(ProcessEngine engine) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(JointMeetingCalendarStarter.CALENDAR).list();
  }
}
