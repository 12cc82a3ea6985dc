package org.pilotcity.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * Deadlines as the notice means them: "before Jan 31" is the end of that day in Beijing, whatever
 * the server's time zone. Used by the models as {@code ${deadlines.endOfDay(someDate)}}; the engine
 * wants a {@link Date} back.
 */
@Component("deadlines")
public class Deadlines {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  public static final String REMINDER_DECISION = "deadlineReminder";

  /** The last second of the given day in Beijing. Accepts what forms and tables produce. */
  public Date endOfDay(Object day) {
    return Date.from(toLocalDate(day).atTime(LocalTime.of(23, 59, 59)).atZone(BEIJING).toInstant());
  }

  /** The first second of the day after the given day in Beijing: when a window that closes on that day is shut. */
  public Date afterDeadline(Object day) {
    return Date.from(toLocalDate(day).plusDays(1).atStartOfDay(BEIJING).toInstant());
  }

  /** The first second of the year after the given one in Beijing: when a year's work is over. */
  public Date afterYearEnd(Object year) {
    int y = year instanceof Number n ? n.intValue() : Integer.parseInt(year.toString().trim());
    return Date.from(LocalDate.of(y + 1, 1, 1).atStartOfDay(BEIJING).toInstant());
  }

  /**
   * When to remind of a deadline: the start of the day that lies the step's lead time (DMN
   * {@code deadlineReminder}) before it, Beijing time. Evaluated by the engine when the timer is created.
   */
  public Date reminder(Object day, String deadlineStep) {
    // the rule is the program's, not the user's: whoever's step created the timer may not evaluate tables
    Object leadDays = AsProgram.call(() -> Context.getProcessEngineConfiguration().getDecisionService()
        .evaluateDecisionByKey(REMINDER_DECISION)
        .variables(Variables.putValue("deadlineStep", deadlineStep))
        .evaluate().getSingleEntry());
    return Date.from(toLocalDate(day).minusDays(((Number) leadDays).longValue()).atStartOfDay(BEIJING).toInstant());
  }

  /** A moment as officials read it: "2027-02-10 09:30（北京时间）". */
  public static String beijingText(Date moment) {
    return moment.toInstant().atZone(BEIJING).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
        + "（北京时间）";
  }

  /** Today in Beijing, by the engine's clock when one is passed in (tests move it). */
  public static LocalDate today(Date now) {
    return now.toInstant().atZone(BEIJING).toLocalDate();
  }

  /**
   * The day of a date that a decision table returned: the engine turns a table's date into a
   * {@link Date} at midnight of the server's zone, so it is read in that zone (in Beijing's it would be the
   * day before on a server east of Beijing). Anything else as {@link #toLocalDate}.
   */
  public static LocalDate tableDay(Object day) {
    if (day instanceof Date d) {
      return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }
    return toLocalDate(day);
  }

  /**
   * The calendar day of a form date or table date. Camunda Forms send "2027-01-31"; a datetime
   * string with an offset is read in Beijing time.
   */
  public static LocalDate toLocalDate(Object day) {
    if (day instanceof LocalDate d) {
      return d;
    }
    if (day instanceof LocalDateTime dt) {
      return dt.toLocalDate();
    }
    if (day instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(BEIJING).toLocalDate();
    }
    if (day instanceof Date d) {
      return d.toInstant().atZone(BEIJING).toLocalDate();
    }
    if (day instanceof String s && !s.isBlank()) {
      String text = s.trim();
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException notADate) {
        // with an offset or zone: that instant, in Beijing; without: the day as written
        try {
          return OffsetDateTime.parse(text).atZoneSameInstant(BEIJING).toLocalDate();
        } catch (DateTimeParseException noOffset) {
          return LocalDateTime.parse(text).toLocalDate();
        }
      }
    }
    throw new IllegalArgumentException("Not a date: " + day);
  }
}
