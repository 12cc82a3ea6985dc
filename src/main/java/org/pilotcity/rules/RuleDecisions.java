package org.pilotcity.rules;

/**
 * Keys, input and output names of the decisions in {@code processes/*.dmn}: a public contract shared by
 * the process models, forms and code. Only names live here; every number is in the tables.
 */
public final class RuleDecisions {

  private RuleDecisions() {
  }

  public static final String APPLICANT_REGION = "applicantRegion";
  public static final String ANNUAL_PILOT_QUOTA = "annualPilotQuota";
  public static final String AWARD_STANDARD = "awardStandard";
  public static final String ANNUAL_BUDGET = "annualBudget";
  public static final String APPLICANT_ELIGIBILITY = "applicantEligibility";
  public static final String PROGRAM_TERM = "programTerm";
  public static final String PROGRAM_CALENDAR = "programCalendar";
  public static final String PERFORMANCE_WEIGHTS = "performanceWeights";
  public static final String PERFORMANCE_SCORE = "performanceScore";
  public static final String EVALUATION_OUTCOME = "evaluationOutcome";
  public static final String FUND_USE_PURPOSE = "fundUsePurpose";
  public static final String INDICATOR_CATALOGUE = "indicatorCatalogue";
  public static final String INDICATOR_SCORE = "indicatorScore";
  public static final String RECOVERY_LEAD_TIME = "recoveryLeadTime";
  public static final String SPOT_CHECK_SUGGESTION = "spotCheckSuggestion";

  // inputs
  public static final String APPLICANT_UNIT_CODE = "applicantUnitCode";
  public static final String REGION = "region";
  public static final String FUNDING_LEVEL = "fundingLevel";
  public static final String PROGRAM_YEAR = "programYear";
  public static final String APPLICANT_TYPE = "applicantType";
  public static final String EXCEPTION_JUSTIFIED = "exceptionJustified";
  public static final String FINAL_SCORE = "finalScore";
  public static final String PURPOSE = "purpose";
  public static final String SCORING_RULE = "scoringRule";
  public static final String POINTS = "points";
  public static final String BASELINE = "baseline";
  public static final String TARGET = "target";
  public static final String ASSESSED = "assessed";
  public static final String PROVINCIAL_SCORE = "provincialScore";
  public static final String RANDOM_DRAW = "randomDraw";

  // outputs
  public static final String QUOTA = "quota";
  public static final String AWARD_AMOUNT = "awardAmount";
  public static final String BUDGET_AMOUNT = "budgetAmount";
  public static final String ELIGIBLE = "eligible";
  public static final String REASON = "reason";
  public static final String OPEN = "open";
  public static final String SCHEME_DUE = "schemeDue";
  public static final String APPLICATION_DUE = "applicationDue";
  public static final String SUBMISSION_DUE = "submissionDue";
  public static final String EVALUATION_DUE = "evaluationDue";
  public static final String TOTAL_SCORE = "totalScore";
  public static final String OUTCOME = "outcome";
  public static final String ALLOWED = "allowed";
  public static final String SCORE = "score";
  public static final String REPAYMENT_DAYS = "repaymentDays";
  public static final String SUGGESTED = "suggested";
  public static final String SUGGESTION_REASON = "suggestionReason";

  // values
  public static final String FUNDING_CENTRAL = "CENTRAL";
  public static final String FUNDING_PROVINCIAL = "PROVINCIAL";
  public static final String OUTCOME_PASS = "PASS";
  public static final String OUTCOME_REVOKE = "REVOKE";
}
