package org.pilotcity.supervision;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pilotcity.forms.Choices;

/**
 * Codes of the supervision of funds (资金监督检查): what its forms offer, with the Chinese labels used in
 * messages, the names of its numbered fields and its text limits.
 */
final class SupervisionOptions {

  static final String PROCESS_KEY = "fundSupervision";

  static final Map<String, String> REASONS = Choices.of(
      "ROUTINE", "日常监督检查", "SPECIAL", "专项检查", "LEAD", "问题线索核查");
  static final String NO_ISSUES = "NO_ISSUES";
  static final String CORRECTIONS_REQUIRED = "CORRECTIONS_REQUIRED";
  static final Map<String, String> CONCLUSIONS = Choices.of(
      NO_ISSUES, "未发现问题", CORRECTIONS_REQUIRED, "发现问题，须整改");
  static final String ACCEPTED = "ACCEPTED";
  static final String REJECTED = "REJECTED";
  static final Map<String, String> VERDICTS = Choices.of(ACCEPTED, "整改到位", REJECTED, "整改不到位，退回城市");

  /** Numbered fields of the findings form, one pair per correction (form-js 1.8.7 has no dynamic list). */
  static final String ITEM = "correctionItem_";
  static final String DUE = "correctionDue_";
  static final int MAX_CORRECTIONS = 5;

  /**
   * The fields the city's and the bureau's forms fill in for one correction. They are created empty in the
   * correction's own scope, so that parallel corrections never write into each other's values.
   */
  static final List<String> CORRECTION_FIELDS = List.of("correctionReport", "correctedOn", "correctionVerdict",
      "verificationNote", "newCorrectionDue", "correctionAccepted", "lastRejectionNote", "overdueNote");

  /** Pilot key as the pilot term's business key: year-CENTRAL|PROVINCIAL-city code. */
  static final Pattern PILOT_KEY = Pattern.compile("^[0-9]{4}-(CENTRAL|PROVINCIAL)-[0-9]{6}$");

  static final int SCOPE_MAX = 2000;
  static final int FINDINGS_MAX = 5000;
  static final int ITEM_MAX = 500;
  static final int REPORT_MAX = 5000;
  static final int NOTE_MAX = 2000;

  private SupervisionOptions() {}

  /**
   * Who supervises a pilot's funds: the ministry's local bureau for a central pilot; for a provincial
   * pilot, whose award is the province's own money, provincial finance. The models say the same in their
   * candidate groups ({@code fundingLevel == 'CENTRAL' ? 'mofLocalBureau' : 'provincialFinance'}).
   */
  static String supervisorGroup(String fundingLevel) {
    return "CENTRAL".equals(fundingLevel) ? "mofLocalBureau" : "provincialFinance";
  }

  static String supervisorName(String fundingLevel) {
    return "CENTRAL".equals(fundingLevel) ? "财政部当地监管局" : "省级财政部门";
  }
}
