package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Fixes the next period of regular meetings from the cycle the table gave ({@code cycleMonths},
 * {@code conveneDays}): its first day after the engine's clock ({@code nextPeriodStart}, ISO), its name
 * ({@code nextPeriodName}) and the moment the calendar calls its meetings ({@code nextPeriodCallAt}, 09:00
 * Beijing). A cycle that does not cut the year evenly is refused: the calendar stops with an incident that
 * names the table, instead of calling meetings on odd days.
 */
@Component("scheduleNextMeetingPeriod")
public class ScheduleNextMeetingPeriod implements JavaDelegate {

  static final String CYCLE_MONTHS = "cycleMonths";
  static final String CONVENE_DAYS = "conveneDays";
  static final String NEXT_START = "nextPeriodStart";
  static final String NEXT_NAME = "nextPeriodName";
  static final String NEXT_CALL = "nextPeriodCallAt";

  @Override
  public void execute(DelegateExecution execution) {
    Object months = execution.getVariable(CYCLE_MONTHS);
    Object days = execution.getVariable(CONVENE_DAYS);
    if (!(months instanceof Number m) || !MeetingPeriods.CYCLES.contains(m.intValue())) {
      throw new IllegalStateException("联席会议周期（决策表 jointMeetingCycle）的周期月数须为1、2、3、4、6或12（收到"
          + months + "） / cycleMonths must divide 12");
    }
    if (!(days instanceof Number d) || d.intValue() < 1) {
      throw new IllegalStateException("联席会议周期（决策表 jointMeetingCycle）的筹备期限须至少1天（收到" + days
          + "） / conveneDays must be at least 1");
    }
    LocalDate start = MeetingPeriods.nextStart(m.intValue(), ClockUtil.getCurrentTime());
    execution.setVariable(NEXT_START, start.toString());
    execution.setVariable(NEXT_NAME, MeetingPeriods.name(start, m.intValue()));
    execution.setVariable(NEXT_CALL, Date.from(MeetingPeriods.callTime(start).toInstant()));
  }
}
