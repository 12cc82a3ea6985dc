package org.pilotcity.programyear;

import static org.pilotcity.rules.RuleDecisions.ANNUAL_BUDGET;
import static org.pilotcity.rules.RuleDecisions.APPLICANT_REGION;
import static org.pilotcity.rules.RuleDecisions.AWARD_STANDARD;
import static org.pilotcity.rules.RuleDecisions.PROGRAM_CALENDAR;
import static org.pilotcity.rules.RuleDecisions.PROGRAM_TERM;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.NoMatchingRuleException;
import org.pilotcity.rules.RuleDecisions;

/**
 * The program's tables as the program year needs them. Evaluated on the program's behalf
 * ({@link AsProgram}); a table without a matching rule throws {@link NoMatchingRuleException}, or,
 * where a missing row is a known gap (a province that has not yet set its own award standard or budget),
 * gives null so that the caller can say so.
 */
final class ProgramRules {

  private final DecisionService decisions;

  ProgramRules(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** Row of programTerm: open (Boolean) and reason (String). */
  Map<String, Object> term(int programYear, String fundingLevel) {
    return single(PROGRAM_TERM, Variables.putValue(RuleDecisions.PROGRAM_YEAR, programYear)
        .putValue(RuleDecisions.FUNDING_LEVEL, fundingLevel));
  }

  /** Row of programCalendar: schemeDue, applicationDue, submissionDue, evaluationDue as dates. */
  Map<String, Object> calendar(int programYear) {
    return single(PROGRAM_CALENDAR, Variables.putValue(RuleDecisions.PROGRAM_YEAR, programYear));
  }

  /** EAST, CENTRAL or WEST. */
  String region(String applicantUnitCode) {
    return (String) single(APPLICANT_REGION, Variables.putValue(RuleDecisions.APPLICANT_UNIT_CODE, applicantUnitCode))
        .get(RuleDecisions.REGION);
  }

  /**
   * Award per pilot city in yuan, or null when the table has no row for this region, level and unit (a
   * province's own pilots have rows with its unit code).
   */
  Long awardOrNull(String region, String fundingLevel, String applicantUnitCode) {
    Object amount = orNull(AWARD_STANDARD, Variables.putValue(RuleDecisions.REGION, region)
        .putValue(RuleDecisions.FUNDING_LEVEL, fundingLevel)
        .putValue(RuleDecisions.APPLICANT_UNIT_CODE, applicantUnitCode), RuleDecisions.AWARD_AMOUNT);
    return amount == null ? null : ((Number) amount).longValue();
  }

  /**
   * The year's budget in yuan, or null when the table has no row for this level and year (and, for a
   * province's own pilots, its unit: the central budget never counts them).
   */
  Long budgetOrNull(String fundingLevel, int programYear, String applicantUnitCode) {
    Object amount = orNull(ANNUAL_BUDGET, Variables.putValue(RuleDecisions.FUNDING_LEVEL, fundingLevel)
        .putValue(RuleDecisions.PROGRAM_YEAR, programYear)
        .putValue(RuleDecisions.APPLICANT_UNIT_CODE, applicantUnitCode), RuleDecisions.BUDGET_AMOUNT);
    return amount == null ? null : ((Number) amount).longValue();
  }

  /**
   * Evaluates the latest version of the table with the DMN engine itself, outside any engine command:
   * a no-match caught after a nested engine command would already have marked the surrounding
   * transaction rollback-only. (A probe: it leaves no decision history.)
   */
  private Object orNull(String key, VariableMap inputs, String output) {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    DecisionDefinition latest = AsProgram.call(() -> configuration.getRepositoryService()
        .createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId().latestVersion().singleResult());
    DmnDecision decision = configuration.getDeploymentCache().findDeployedDecisionDefinitionById(latest.getId());
    try {
      return configuration.getDmnEngine().evaluateDecision(decision, inputs).getSingleResult().getEntry(output);
    } catch (NoMatchingRuleException e) {
      return null;
    }
  }

  private Map<String, Object> single(String key, VariableMap inputs) {
    return AsProgram.call(() -> {
      DmnDecisionResultEntries row = decisions.evaluateDecisionByKey(key).variables(inputs).evaluate().getSingleResult();
      return row.getEntryMap();
    });
  }

}
