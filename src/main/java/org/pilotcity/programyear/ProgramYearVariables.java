package org.pilotcity.programyear;

import org.pilotcity.forms.Choices;
import java.util.Map;

/**
 * Names shared by the program year model, its forms, its beans and the processes it talks to
 * (pilotSelection, cityApplication): one place for every variable, key and message name.
 */
public final class ProgramYearVariables {

  private ProgramYearVariables() {}

  public static final String PROCESS_KEY = "programYear";
  public static final String SELECTION_PROCESS_KEY = "pilotSelection";
  public static final String APPLICATION_PROCESS_KEY = "cityApplication";
  /** The catch event where a city application waits for the outcome of the competition. */
  public static final String AWAIT_OUTCOME_ACTIVITY = "awaitSelectionOutcome";
  public static final String OUTCOME_MESSAGE = "pilotSelectionOutcome";

  // started with
  public static final String PROGRAM_YEAR = "programYear";
  public static final String FUNDING_LEVEL = "fundingLevel";
  public static final String APPLICANT_UNIT_CODE = "applicantUnitCode";
  public static final String APPLICANT_UNIT_NAME = "applicantUnitName";
  public static final String HISTORICAL_RECORD = "historicalRecord";

  // set at the start
  public static final String SCHEME_DUE = "schemeDue";
  public static final String APPLICATION_DUE = "applicationDue";
  public static final String SUBMISSION_DUE = "submissionDue";
  public static final String EVALUATION_DUE = "evaluationDue";
  public static final String APPLICANT_UNITS = "applicantUnits";

  // results of each unit's selection (history of the pilotSelection instances)
  public static final String SELECTION_OUTCOME = "selectionOutcome";
  public static final String SELECTED_CITIES = "selectedCities";
  public static final String SELECTION_REASON = "selectionReason";
  public static final String OUTCOME_SELECTED = "SELECTED";
  public static final String OUTCOME_NO_PILOT = "NO_PILOT";

  // the summary
  public static final String NATIONAL_LIST = "nationalList";
  public static final String UNITS_WITHOUT_PILOT = "unitsWithoutPilot";
  public static final String COUNT_EAST = "countEast";
  public static final String COUNT_CENTRAL = "countCentral";
  public static final String COUNT_WEST = "countWest";
  public static final String TOTAL_CITIES = "totalCities";
  public static final String TOTAL_AWARDS = "totalAwards";
  public static final String BUDGET_AMOUNT = "budgetAmount";
  public static final String BUDGET_EXCEEDED = "budgetExceeded";
  /** True when some selected city has no award because awardStandard has no row for its region and level. */
  public static final String AWARDS_UNDETERMINED = "awardsUndetermined";
  public static final String BUDGET_WARNING = "budgetWarning";
  public static final String NATIONAL_LIST_SUMMARY = "nationalListSummary";

  // the confirmation
  public static final String LIST_CONFIRMED = "listConfirmed";
  public static final String CONFIRMATION_NOTE = "confirmationNote";
  public static final String LIST_CONFIRMED_BY = "listConfirmedBy";
  public static final String LIST_CONFIRMED_AT = "listConfirmedAt";
  public static final int NOTE_MIN = 10;
  public static final int NOTE_MAX = 2000;

  // the notification
  public static final String NOTIFIED_APPLICATIONS = "notifiedApplications";
  public static final String SELECTED = "selected";
  public static final String SELECTION_RANK = "selectionRank";
  public static final String AWARD_AMOUNT = "awardAmount";
  public static final String CITY_CODE = "cityCode";

  public static final String CENTRAL = "CENTRAL";
  public static final String PROVINCIAL = "PROVINCIAL";
  public static final int FIRST_YEAR = 2019;
  public static final int LAST_YEAR = 2100;

  public static final Map<String, String> FUNDING_LEVELS = Choices.of(CENTRAL, "中央财政试点城市", PROVINCIAL, "省级试点城市");
  public static final Map<String, String> REGIONS = Choices.of("EAST", "东部", "CENTRAL", "中部", "WEST", "西部");

  /** "2027-CENTRAL" or "2027-PROVINCIAL-610000": one program year per year, level and (provincial) unit. */
  public static String businessKey(int programYear, String fundingLevel, String unit) {
    return CENTRAL.equals(fundingLevel) ? programYear + "-" + fundingLevel : programYear + "-" + fundingLevel + "-" + unit;
  }

}
