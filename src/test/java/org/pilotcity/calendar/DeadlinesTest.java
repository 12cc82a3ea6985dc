package org.pilotcity.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  final Deadlines deadlines = new Deadlines();

  @Test
  void endOfDayIsBeijingMidnightWhateverTheServerZone() {
    TimeZone original = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"UTC", "America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertThat(deadlines.endOfDay("2027-01-31").toInstant().toString()).as(zone).isEqualTo("2027-01-31T15:59:59Z");
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void acceptsWhatFormsAndTablesProduce() {
    Date expected = deadlines.endOfDay("2027-02-27");
    assertThat(deadlines.endOfDay(LocalDate.of(2027, 2, 27))).isEqualTo(expected);
    assertThat(deadlines.endOfDay(LocalDateTime.of(2027, 2, 27, 8, 0))).isEqualTo(expected);
    assertThat(deadlines.endOfDay("2027-02-27T00:00:00")).isEqualTo(expected);
    // a UTC instant late on the 26th is already the 27th in Beijing
    assertThat(deadlines.endOfDay("2027-02-26T20:00:00Z")).isEqualTo(expected);
    assertThat(deadlines.endOfDay(expected)).isEqualTo(expected);
  }

  @Test
  void momentsAreShownInBeijingTime() {
    assertThat(Deadlines.beijingText(java.util.Date.from(java.time.Instant.parse("2027-02-10T01:30:00Z"))))
        .isEqualTo("2027-02-10 09:30（北京时间）");
  }

  @Test
  void refusesWhatIsNoDate() {
    assertThatThrownBy(() -> deadlines.endOfDay("31.01.2027")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> deadlines.endOfDay(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> deadlines.endOfDay(42)).isInstanceOf(IllegalArgumentException.class);
  }
}
