package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;

/** The tables the selection workflow asks: reminder lead times and the departments that co-sign a scheme. */
@Deployment(resources = {"processes/deadlineReminder.dmn", "processes/schemeCosigners.dmn",
    "processes/recoveryLeadTime.dmn", "processes/spotCheckSuggestion.dmn"})
class WorkflowTablesTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  static final RuleCoverage coverage = new RuleCoverage("deadlineReminder", "schemeCosigners",
      "recoveryLeadTime", "spotCheckSuggestion");

  ProcessEngine processEngine;

  @BeforeEach
  void setUp() {
    coverage.install(processEngine);
  }

  @AfterEach
  void finished() {
    coverage.testFinished();
  }

  @AfterAll
  static void everyRowWasHit() {
    try {
      coverage.assertComplete(WorkflowTablesTest.class);
    } finally {
      coverage.uninstall();
    }
  }

  private Object leadDays(String step) {
    return processEngine.getDecisionService().evaluateDecisionByKey("deadlineReminder")
        .variables(Variables.putValue("deadlineStep", step)).evaluate().getSingleEntry();
  }

  @Test
  void remindersComeAWeekBeforeTheSchemeAndApplicationDeadlinesAndTenDaysBeforeSubmission() {
    assertThat(leadDays("SCHEME")).isEqualTo(7);
    assertThat(leadDays("APPLICATION")).isEqualTo(7);
    assertThat(leadDays("SUBMISSION")).isEqualTo(10);
  }

  @Test
  void remindersComeTenDaysBeforeTheEvaluationDeadlineAndAWeekBeforeRepayment() {
    assertThat(leadDays("EVALUATION")).isEqualTo(10);
    assertThat(leadDays("REPAYMENT")).isEqualTo(7);
  }

  @Test
  void dayToDaySupervisionRemindsThreeToFiveDaysAhead() {
    assertThat(leadDays("ACTION_ITEM")).isEqualTo(3);
    assertThat(leadDays("MONITORING")).isEqualTo(5);
    assertThat(leadDays("CORRECTION")).isEqualTo(5);
  }

  @Test
  void aRegularJointMeetingIsRemindedFiveDaysBeforeItsPreparationIsDue() {
    assertThat(leadDays("CONVENING")).isEqualTo(5);
  }

  @Test
  void aRevokedCityRepaysWithinNinetyDays() {
    assertThat(repaymentDays("CENTRAL")).isEqualTo(90);
    assertThat(repaymentDays("PROVINCIAL")).isEqualTo(90);
    assertThatThrownBy(() -> repaymentDays("MUNICIPAL")).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("fundingLevel=MUNICIPAL");
  }

  @Test
  void spotChecksAreSuggestedJustAboveTheLineAndForARandomShare() {
    assertThat(suggestion(70.0, 0.9)).containsEntry("suggested", true).containsEntry("suggestionReason", "得分在70—75分之间，建议抽评");
    assertThat(suggestion(75.0, 0.9)).containsEntry("suggested", true);
    assertThat(suggestion(75.01, 0.9)).containsEntry("suggested", false).containsEntry("suggestionReason", "不在建议抽评范围");
    assertThat(suggestion(69.99, 0.9)).containsEntry("suggested", false);
    assertThat(suggestion(88.0, 0.05)).containsEntry("suggested", true).containsEntry("suggestionReason", "随机抽取（抽取比例10%）");
    assertThat(suggestion(88.0, 0.1)).containsEntry("suggested", false);
    assertThatThrownBy(() -> suggestion(100.5, 0.05)).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("provincialScore=100.5");
  }

  private Object repaymentDays(String level) {
    return processEngine.getDecisionService().evaluateDecisionByKey("recoveryLeadTime")
        .variables(Variables.putValue("fundingLevel", level)).evaluate().getSingleEntry();
  }

  private java.util.Map<String, Object> suggestion(double score, double draw) {
    return processEngine.getDecisionService().evaluateDecisionByKey("spotCheckSuggestion")
        .variables(Variables.putValue("provincialScore", score).putValue("randomDraw", draw)).evaluate().getSingleResult()
        .getEntryMap();
  }

  @Test
  void anUnknownStepIsAnError() {
    assertThatThrownBy(() -> leadDays("MEETING")).isInstanceOf(NoMatchingRuleException.class)
        .hasMessageContaining("deadlineStep=MEETING");
  }

  @Test
  void theReminderIsTheStartOfTheDayInBeijing() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    Date reminder = configuration.getCommandExecutorTxRequired()
        .execute(commandContext -> new Deadlines().reminder("2027-03-31", "SUBMISSION"));
    assertThat(reminder.toInstant().toString()).isEqualTo("2027-03-20T16:00:00Z");
    assertThat(Deadlines.toLocalDate(reminder)).isEqualTo(LocalDate.of(2027, 3, 21));
    assertThat(new Deadlines().afterDeadline("2027-02-27").toInstant().toString()).isEqualTo("2027-02-27T16:00:00Z");
    assertThat(new Deadlines().afterYearEnd(2027).toInstant().toString()).isEqualTo("2027-12-31T16:00:00Z");
  }

  @Test
  void fiveDepartmentsCoSignTheScheme() {
    assertThat(processEngine.getDecisionService().evaluateDecisionByKey("schemeCosigners").evaluate()
        .collectEntries("department")).containsExactly(
            "localFinancialRegulator", "scienceTech", "industryIt", "pbocBranch", "cbircOffice");
  }
}
