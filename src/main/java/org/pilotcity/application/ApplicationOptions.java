package org.pilotcity.application;

import org.pilotcity.forms.Choices;
import java.util.Map;

/**
 * Names and codes of the city application (试点城市申报): what its forms offer, with the Chinese labels
 * used in messages, and the statuses it records in {@code applicationStatus}.
 */
final class ApplicationOptions {

  static final String PROCESS_KEY = "cityApplication";
  static final String PILOT_SELECTION_KEY = "pilotSelection";

  static final Map<String, String> FUNDING_LEVELS = Choices.of("CENTRAL", "中央财政试点", "PROVINCIAL", "省级试点");
  static final Map<String, String> APPLICANT_TYPES = Choices.of(
      "PREFECTURE_CITY", "地级市（含自治州、盟）",
      "MUNICIPAL_DISTRICT", "直辖市、计划单列市所辖县区",
      "CAPITAL_DISTRICT", "省会（首府）城市所属区县",
      "STATE_NEW_AREA", "国家级新区",
      "OTHER", "其他（需省级财政部门书面说明理由）");
  static final Map<String, String> PLAN_DECISIONS = Choices.of("ACCEPT", "受理", "RETURN", "退回修改");
  static final Map<String, String> EXCEPTION_DECISIONS =
      Choices.of("GRANT", "书面说明理由后准予参加评审", "REJECT", "不予受理");

  // applicationStatus
  static final String REGISTERED = "REGISTERED";
  static final String SUBMITTED = "SUBMITTED";
  static final String RETURNED = "RETURNED";
  static final String ACCEPTED = "ACCEPTED";
  static final String EXCEPTION_GRANTED = "EXCEPTION_GRANTED";
  static final String INELIGIBLE = "INELIGIBLE";
  static final String LATE = "LATE";

  static final int IMPLEMENTATION_PLAN_MAX = 20000;
  static final int DETAILED_TASKS_MAX = 10000;
  static final int AWARD_USE_MAX = 5000;
  static final int SUMMARY_MAX = 200;
  static final int RETURN_COMMENT_MAX = 2000;
  static final int JUSTIFICATION_MIN = 20;
  static final int JUSTIFICATION_MAX = 5000;

  private ApplicationOptions() {}

  /** {@code 2027-CENTRAL-210100}: one application per city, year and funding level. */
  static String applicationKey(int programYear, String fundingLevel, String cityCode) {
    return programYear + "-" + fundingLevel + "-" + cityCode;
  }

  /** {@code 2027-CENTRAL-210000}: the applicant unit's selection the application competes in. */
  static String selectionKey(int programYear, String fundingLevel, String applicantUnitCode) {
    return programYear + "-" + fundingLevel + "-" + applicantUnitCode;
  }

}
