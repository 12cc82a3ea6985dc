package org.pilotcity.meetings;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.springframework.stereotype.Component;

/**
 * The periods of regular joint meetings: a year is cut into periods of the table's {@code cycleMonths}
 * (jointMeetingCycle) from January 1; a period's meetings are called at 09:00 Beijing time on its first
 * day. The model asks {@code ${meetingPeriods.calendarYear()}} for the table's input.
 */
@Component("meetingPeriods")
public class MeetingPeriods {

  /** Variables of a regular meeting: its period's first day (ISO), the period's Chinese name, the day to convene by. */
  static final String PERIOD = "meetingPeriod";
  static final String PERIOD_NAME = "meetingPeriodName";
  static final String CONVENE_DUE = "conveneDue";

  /** When a period's meetings are called, Beijing time: the start of a working day. */
  static final LocalTime CALL_TIME = LocalTime.of(9, 0);
  /** Cycles that cut every year the same way: the divisors of 12. */
  static final Set<Integer> CYCLES = Set.of(1, 2, 3, 4, 6, 12);

  private static final String QUARTERS = "一二三四";

  /** The current year in Beijing by the engine's clock. */
  public int calendarYear() {
    return Deadlines.today(ClockUtil.getCurrentTime()).getYear();
  }

  /** The first day of the first period whose call time lies after {@code now}. */
  static LocalDate nextStart(int cycleMonths, Date now) {
    ZonedDateTime moment = now.toInstant().atZone(Deadlines.BEIJING);
    LocalDate start = LocalDate.of(moment.getYear(), 1, 1);
    while (!callTime(start).isAfter(moment)) {
      start = start.plusMonths(cycleMonths);
    }
    return start;
  }

  /** 09:00 Beijing on the period's first day. */
  static ZonedDateTime callTime(LocalDate start) {
    return start.atTime(CALL_TIME).atZone(Deadlines.BEIJING);
  }

  /** The period as officials name it: 2027年第二季度, 2027年上半年, 2027年度, 2027年4月, 2027年5—8月. */
  static String name(LocalDate start, int cycleMonths) {
    int year = start.getYear();
    int month = start.getMonthValue();
    return switch (cycleMonths) {
      case 12 -> year + "年度";
      case 6 -> year + (month == 1 ? "年上半年" : "年下半年");
      case 3 -> year + "年第" + QUARTERS.charAt((month - 1) / 3) + "季度";
      case 1 -> year + "年" + month + "月";
      default -> year + "年" + month + "—" + (month + cycleMonths - 1) + "月";
    };
  }
}
