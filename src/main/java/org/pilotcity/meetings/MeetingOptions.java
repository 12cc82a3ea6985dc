package org.pilotcity.meetings;

import org.pilotcity.forms.Choices;
import java.util.Map;

/** The codes the joint-meeting forms offer, with their Chinese labels (for error messages). */
final class MeetingOptions {

  static final Map<String, String> KINDS = Choices.of("REGULAR", "定期会议", "AD_HOC", "不定期会议");
  static final Map<String, String> OUTCOMES = Choices.of("HELD", "已召开", "POSTPONED", "延期", "CANCELLED", "取消");

  static final int TOPIC_MAX = 100;
  static final int AGENDA_MAX = 2000;
  static final int MINUTES_MAX = 10000;
  static final int ATTENDEES_MAX = 2000;
  static final int DECISIONS_MAX = 5000;
  static final int REASON_MAX = 2000;

  private MeetingOptions() {}

}
