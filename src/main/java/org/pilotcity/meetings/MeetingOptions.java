package org.pilotcity.meetings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pilotcity.forms.Choices;
import org.pilotcity.organization.Department;
import org.pilotcity.organization.Organization;

/** The codes the joint-meeting forms offer, with their Chinese labels (for error messages), and the fields' limits. */
final class MeetingOptions {

  static final String REGULAR = "REGULAR";
  static final String AD_HOC = "AD_HOC";
  static final Map<String, String> KINDS = Choices.of(REGULAR, "定期会议", AD_HOC, "不定期会议");
  static final String HELD = "HELD";
  static final Map<String, String> OUTCOMES = Choices.of(HELD, "已召开", "POSTPONED", "延期", "CANCELLED", "取消");

  /**
   * The departments of a unit that meet (联席会议成员): the provincial finance department with the five
   * departments the notice names, and the ministry's local bureau. Not the review panel, which only scores
   * applications. They own action items and receive the minutes.
   */
  static final List<String> MEMBERS = List.of("provincialFinance", "localFinancialRegulator", "scienceTech",
      "industryIt", "pbocBranch", "cbircOffice", "mofLocalBureau");

  static final int TOPIC_MAX = 100;
  static final int AGENDA_MAX = 2000;
  static final int MINUTES_MAX = 10000;
  static final int ATTENDEES_MAX = 2000;
  static final int DECISIONS_MAX = 5000;
  static final int REASON_MAX = 2000;
  static final int ACTION_ITEM_MAX = 500;
  static final int REPORT_MAX = 2000;

  private MeetingOptions() {}

  /** The members with their Chinese names, in the forms' order. */
  static Map<String, String> members(Organization organization) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String id : MEMBERS) {
      members.put(id, organization.department(id).map(Department::nameZh)
          .orElseThrow(() -> new IllegalStateException("departments.csv has no department " + id)));
    }
    return members;
  }
}
