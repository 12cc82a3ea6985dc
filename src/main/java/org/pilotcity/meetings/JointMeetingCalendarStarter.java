package org.pilotcity.meetings;

import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps exactly one meeting calendar ({@value #CALENDAR}) running, on the latest deployed version: at
 * every application start (after the auto-deployment, which happens while the engine is built) it starts
 * one when none runs — a restart on the same database changes nothing — and an instance of an older
 * version hands over: it receives {@value #SUPERSEDED} and ends at its wait, or is removed when it is not
 * waiting (an incident), and the new one fixes the same next period. The calendar has no tenant and holds
 * no unit's data. Without job executor (tests) its first step waits as a job.
 */
@Component
public class JointMeetingCalendarStarter {

  static final String CALENDAR = "jointMeetingCalendar";
  static final String SUPERSEDED = "jointMeetingCalendarSuperseded";
  private static final Logger LOG = LoggerFactory.getLogger(JointMeetingCalendarStarter.class);

  private final ProcessEngine engine;

  public JointMeetingCalendarStarter(ProcessEngine engine) {
    this.engine = engine;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onApplicationReady() {
    ensureRunning();
  }

  /** The running calendar on the latest version; null when the calendar is not deployed. */
  public ProcessInstance ensureRunning() {
    ProcessDefinition latest = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(CALENDAR).withoutTenantId().latestVersion().singleResult();
    if (latest == null) {
      return null;
    }
    RuntimeService runtime = engine.getRuntimeService();
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(CALENDAR)
        .orderByProcessInstanceId().asc().list();
    ProcessInstance current = null;
    for (ProcessInstance instance : running) {
      if (current == null && instance.getProcessDefinitionId().equals(latest.getId())) {
        current = instance;
      } else {
        handOver(runtime, instance);
      }
    }
    if (current == null) {
      current = runtime.startProcessInstanceById(latest.getId(), CALENDAR);
      LOG.info("Joint meeting calendar started (version {})", latest.getVersion());
    }
    return current;
  }

  private static void handOver(RuntimeService runtime, ProcessInstance instance) {
    try {
      runtime.createMessageCorrelation(SUPERSEDED).processInstanceId(instance.getId()).correlate();
    } catch (MismatchingMessageCorrelationException notWaiting) {
      runtime.deleteProcessInstance(instance.getId(), "由新版本的联席会议日程接替 (superseded by a newer version)");
    }
    LOG.info("Joint meeting calendar {} superseded", instance.getId());
  }
}
