package org.pilotcity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDateTime;
import java.util.Date;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.BadUserRequestException;
import org.pilotcity.calendar.Deadlines;

/** What every process test needs the same way: moments in Beijing time, and refusals the user is told of. */
public final class ProcessTests {

  private ProcessTests() {}

  /** A moment as the notice counts it: Beijing time, whatever the server's zone. */
  public static Date beijing(int year, int month, int day, int hour, int minute) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(Deadlines.BEIJING).toInstant());
  }

  /** Refused with a reason for the user: a BadUserRequestException (REST 400), perhaps inside the engine's wrapper. */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable attempt) {
    Throwable thrown = catchThrowable(attempt);
    assertThat(thrown).as("the attempt is refused").isNotNull();
    Throwable refusal = thrown;
    while (refusal != null && !(refusal instanceof BadUserRequestException)) {
      refusal = refusal.getCause();
    }
    assertThat(refusal).as("a BadUserRequestException behind %s", thrown).isNotNull();
    return assertThat(refusal);
  }
}
