package org.pilotcity.meetings;

import java.util.LinkedHashMap;
import java.util.Map;

/** The codes the joint-meeting forms offer, with their Chinese labels (for error messages). */
final class MeetingOptions {

  static final Map<String, String> KINDS = ordered("REGULAR", "定期会议", "AD_HOC", "不定期会议");
  static final Map<String, String> OUTCOMES = ordered("HELD", "已召开", "POSTPONED", "延期", "CANCELLED", "取消");

  static final int TOPIC_MAX = 100;
  static final int AGENDA_MAX = 2000;
  static final int MINUTES_MAX = 10000;
  static final int ATTENDEES_MAX = 2000;
  static final int DECISIONS_MAX = 5000;
  static final int REASON_MAX = 2000;

  private MeetingOptions() {}

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
