package org.pilotcity.rules;

import static org.pilotcity.rules.RuleDecisions.ANNUAL_BUDGET;
import static org.pilotcity.rules.RuleDecisions.AWARD_AMOUNT;
import static org.pilotcity.rules.RuleDecisions.AWARD_STANDARD;
import static org.pilotcity.rules.RuleDecisions.BUDGET_AMOUNT;
import static org.pilotcity.rules.RuleDecisions.FUNDING_LEVEL;
import static org.pilotcity.rules.RuleDecisions.PROGRAM_YEAR;
import static org.pilotcity.rules.RuleDecisions.REGION;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Compares a year's awards (DMN {@code awardStandard} per selected city) with the year's budget (DMN
 * {@code annualBudget}). Exceeding the budget is a warning for the policy owners, not a refusal: the
 * notice's "about 2 billion" is smaller than a full quota (60 cities) costs.
 */
@Component
public class AwardBudgetCheck {

  private final DecisionService decisionService;

  public AwardBudgetCheck(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  /**
   * @param regionsOfSelectedCities the region (EAST/CENTRAL/WEST) of every selected pilot city, one entry per city
   */
  public Result check(String fundingLevel, int programYear, Collection<String> regionsOfSelectedCities) {
    Map<String, Long> awardByRegion = new HashMap<>();
    long total = 0;
    for (String region : regionsOfSelectedCities) {
      total += awardByRegion.computeIfAbsent(region, r -> ((Number) decisionService.evaluateDecisionByKey(AWARD_STANDARD)
          .variables(Variables.putValue(REGION, r).putValue(FUNDING_LEVEL, fundingLevel))
          .evaluate().getSingleResult().getEntry(AWARD_AMOUNT)).longValue());
    }
    long budget = ((Number) decisionService.evaluateDecisionByKey(ANNUAL_BUDGET)
        .variables(Variables.putValue(FUNDING_LEVEL, fundingLevel).putValue(PROGRAM_YEAR, programYear))
        .evaluate().getSingleResult().getEntry(BUDGET_AMOUNT)).longValue();
    return new Result(fundingLevel, programYear, regionsOfSelectedCities.size(), total, budget);
  }

  /** Total awards of a year against its budget. */
  public record Result(String fundingLevel, int programYear, int cities, long totalAwards, long budget) {

    public boolean exceedsBudget() {
      return totalAwards > budget;
    }

    public long excess() {
      return Math.max(0, totalAwards - budget);
    }

    public String message() {
      String head = programYear + "年" + fundingLevel + "资金：" + cities + "个试点城市奖励合计" + yuan(totalAwards)
          + "，年度预算" + yuan(budget);
      String headEn = programYear + " " + fundingLevel + ": awards to " + cities + " pilot cities total " + totalAwards
          + " yuan, budget " + budget + " yuan";
      return exceedsBudget()
          ? head + "，超出" + yuan(excess()) + " / " + headEn + ", over budget by " + excess() + " yuan"
          : head + "，未超出预算 / " + headEn + ", within budget";
    }

    private static String yuan(long amount) {
      return String.format("%,d元", amount);
    }
  }
}
