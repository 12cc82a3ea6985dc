package org.pilotcity.selection;

/**
 * Names of the pilot selection's variables (process {@code pilotSelection}, 申报单位试点城市评审遴选), shared
 * with its forms and, for the results, with the programYear process (see the issue-4 contract).
 */
final class SelectionVariables {

  private SelectionVariables() {}

  static final String REVIEW_GROUP = "reviewPanel";

  // scheme phase
  static final String CATALOGUE_INDICATORS = "catalogueIndicators";
  static final String INDICATOR_TARGETS = "indicatorTargets";
  static final String REVIEWER_OPTIONS = "reviewerOptions";
  static final String SCORING_METHOD = "scoringMethod";
  static final String REVIEWERS = "reviewers";
  static final String REVIEWER_IDS = "reviewerIds";
  static final String SCHEME_ROUND = "schemeRound";
  static final String SCHEME_RETURNED = "schemeReturned";
  static final String SCHEME_RETURN_COMMENTS = "schemeReturnComments";
  static final String SCHEME_AGREEMENTS = "schemeAgreements";
  static final String COSIGNER = "cosigner";
  static final String AGREEMENT_DECISION = "agreementDecision";
  static final String AGREEMENT_COMMENT = "agreementComment";

  // applications
  static final String APPLICATIONS = "applications";
  static final String APPLICATION_COUNT = "applicationCount";
  static final String NOT_IN_COMPETITION = "applicationsNotInCompetition";

  // review
  static final String REVIEWER = "reviewer";
  static final String REVIEW_SHEET = "reviewSheet";
  static final String REVIEW_SCORES = "reviewScores";
  static final String RANKING = "ranking";
  static final String RANKING_OPTIONS = "rankingOptions";
  static final String RANKING_RULE = "rankingRule";
  static final String PILOT_QUOTA = "pilotQuota";

  // selection and submission
  static final String SELECTED_CITY_CODES = "selectedCityCodes";
  static final String SELECTION_REASON = "selectionReason";
  static final String SELECTED_CITIES = "selectedCities";
  static final String SELECTION_OUTCOME = "selectionOutcome";
  static final String OUTCOME_SELECTED = "SELECTED";
  static final String OUTCOME_NO_PILOT = "NO_PILOT";
  static final String MATERIALS_CONFIRMED = "materialsConfirmed";
  static final String SUBMISSION_NOTE = "submissionNote";
  static final String SUBMITTED_AT = "submittedAt";
  static final String COPIED_TO_LOCAL_BUREAU = "copiedToLocalBureau";

  // numbered answer fields of the forms (see FormSlots): target_n on the process (the draft's answers, so
  // a returned scheme opens with them), score_n / conflict_n local to each reviewer's task

  static final int TEXT_MAX = 2000;
  static final int SCORING_METHOD_MAX = 5000;
}
