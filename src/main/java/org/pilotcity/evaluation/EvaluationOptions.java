package org.pilotcity.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.pilotcity.forms.Choices;

/**
 * Names and codes of the annual evaluation (年度绩效评价): what its forms offer, with the Chinese labels used
 * in messages, the variables its steps share and how scores are kept.
 */
final class EvaluationOptions {

  static final String PROCESS_KEY = "annualEvaluation";

  static final Map<String, String> CONFIRMATIONS = Choices.of("AGREE", "同意", "RETURN", "退回");
  static final Map<String, String> COMPLIANCE_FINDINGS = Choices.of("COMPLIANT", "合规", "NON_COMPLIANT", "存在问题");

  /** Numbered fields per area on the assessment forms: area1_1 … area1_40 and so on. */
  static final int SLOTS = 40;
  static final int COMMENT_MAX = 2000;


  // ledger kinds
  static final String PROVINCIAL = "PROVINCIAL";
  static final String SPOT_CHECK = "SPOT_CHECK";

  // variables
  static final String INDICATOR_TARGETS = "indicatorTargets";
  static final String PILOT_KEY = "pilotKey";
  static final String PROGRAM_YEAR = "programYear";
  static final String EVALUATION_DUE = "evaluationDue";
  static final String PROVINCIAL_SCORE = "provincialScore";
  static final String PROVINCIAL_OUTCOME = "provincialOutcome";
  static final String AREA_SCORES = "areaScores";
  static final String FINAL_SCORE = "finalScore";
  static final String SCORE_KIND = "scoreKind";
  static final String OUTCOME = "outcome";
  static final String SPOT_CHECK_NOTE = "spotCheckNote";

  private EvaluationOptions() {}

  /**
   * A score as it is published and decided on: two decimals, never rounded up (69.999 stays below 70, as in
   * the ledger). Arithmetic noise far below a hundredth (69.99999999999999 for 70) is removed first.
   */
  static BigDecimal publishedScore(BigDecimal score) {
    return score.setScale(8, RoundingMode.HALF_UP).setScale(2, RoundingMode.DOWN);
  }

  /** An indicator score or achievement as kept in the sheets: without arithmetic noise. */
  static BigDecimal clean(BigDecimal value) {
    BigDecimal cleaned = value.setScale(10, RoundingMode.HALF_UP).stripTrailingZeros();
    return cleaned.scale() < 0 ? cleaned.setScale(0) : cleaned;
  }

  /** "4.16" for the forms' tables (two decimals, not rounded up). */
  static String text(BigDecimal value) {
    return value.setScale(2, RoundingMode.DOWN).toPlainString();
  }
}
