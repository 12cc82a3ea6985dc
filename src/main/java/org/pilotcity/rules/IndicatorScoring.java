package org.pilotcity.rules;

import static org.pilotcity.rules.RuleDecisions.ASSESSED;
import static org.pilotcity.rules.RuleDecisions.BASELINE;
import static org.pilotcity.rules.RuleDecisions.INDICATOR_SCORE;
import static org.pilotcity.rules.RuleDecisions.POINTS;
import static org.pilotcity.rules.RuleDecisions.PERFORMANCE_SCORE;
import static org.pilotcity.rules.RuleDecisions.SCORE;
import static org.pilotcity.rules.RuleDecisions.SCORING_RULE;
import static org.pilotcity.rules.RuleDecisions.TARGET;
import static org.pilotcity.rules.RuleDecisions.TOTAL_SCORE;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Scores for the annual evaluation; every rule and weight is in the tables:
 * <ul>
 *   <li>one indicator: prior-year actual (baseline), target and assessed value → points, by the indicator's
 *       scoring rule in DMN {@code indicatorScore};</li>
 *   <li>one area: the sum of its indicator scores as a percentage of the sum of their points in the
 *       catalogue (the achievement that {@code performanceScore} takes, 0–100), plain arithmetic;</li>
 *   <li>the total: the four achievements weighted by DMN {@code performanceScore}.</li>
 * </ul>
 */
@Component
public class IndicatorScoring {

  private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

  /** Scoring rules whose value may be negative (a growth rate can fall); all others need ≥ 0. */
  private static final Set<String> SIGNED_RULES = Set.of("GROWTH_VS_BASELINE");

  /** Whether an indicator scored by this rule may take a negative value (assessed or monitored). */
  public static boolean allowsNegative(String scoringRule) {
    return SIGNED_RULES.contains(scoringRule);
  }

  private final DecisionService decisionService;

  public IndicatorScoring(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  /** Score of one catalogue indicator. The baseline may be null for rules that do not use it. */
  public BigDecimal score(Indicator indicator, Number baseline, Number target, Number assessed) {
    return score(indicator.scoringRule(), indicator.points(), baseline, target, assessed);
  }

  /** Score by a named rule of {@code indicatorScore} (e.g. {@code RATIO_TO_TARGET}). */
  public BigDecimal score(String scoringRule, Number points, Number baseline, Number target, Number assessed) {
    VariableMap variables = Variables.createVariables()
        .putValue(SCORING_RULE, scoringRule)
        .putValue(POINTS, toDouble(points))
        .putValue(BASELINE, toDouble(baseline))
        .putValue(TARGET, toDouble(target))
        .putValue(ASSESSED, toDouble(assessed));
    Object score = decisionService.evaluateDecisionByKey(INDICATOR_SCORE).variables(variables).evaluate()
        .getSingleResult().getEntry(SCORE);
    return toDecimal(score);
  }

  /**
   * Achievement of an area in percent (0–100): the sum of the scores of the area's indicators divided by
   * the sum of their points. Every indicator of the area must have a score; scores of other areas are ignored.
   */
  public BigDecimal areaAchievement(CatalogueContents catalogue, EvaluationArea area, Map<String, ? extends Number> scoresByCode) {
    List<Indicator> indicators = catalogue.indicatorsOf(area);
    if (indicators.isEmpty()) {
      throw new IllegalArgumentException("指标目录中领域" + area.number() + "没有指标 / area " + area.number() + " has no indicator");
    }
    for (String code : scoresByCode.keySet()) {
      catalogue.indicator(code); // unknown code → error, not ignored
    }
    BigDecimal scored = BigDecimal.ZERO;
    BigDecimal possible = BigDecimal.ZERO;
    for (Indicator indicator : indicators) {
      Number score = scoresByCode.get(indicator.code());
      if (score == null) {
        throw new IllegalArgumentException("指标" + indicator.code() + "（" + indicator.name() + "）没有得分 / indicator "
            + indicator.code() + " has no score");
      }
      BigDecimal s = toDecimal(score);
      if (s.signum() < 0 || s.compareTo(indicator.points()) > 0) {
        throw new IllegalArgumentException("指标" + indicator.code() + "得分" + s.toPlainString() + "超出0—" + indicator.points().toPlainString()
            + " / indicator " + indicator.code() + " score " + s.toPlainString() + " outside 0–" + indicator.points().toPlainString());
      }
      scored = scored.add(s);
      possible = possible.add(indicator.points());
    }
    return scored.multiply(PERCENT).divide(possible, MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** Weighted total (0–100) of the four area achievements, by DMN {@code performanceScore}. */
  public BigDecimal totalScore(Map<EvaluationArea, ? extends Number> achievements) {
    VariableMap variables = Variables.createVariables();
    for (EvaluationArea area : EvaluationArea.values()) {
      variables.putValue(area.scoreInput(), toDouble(achievements.get(area)));
    }
    Object total = decisionService.evaluateDecisionByKey(PERFORMANCE_SCORE).variables(variables).evaluate()
        .getSingleResult().getEntry(TOTAL_SCORE);
    return toDecimal(total);
  }

  private static Double toDouble(Number n) {
    return n == null ? null : n.doubleValue();
  }

  private static BigDecimal toDecimal(Object n) {
    if (n == null) {
      return null;
    }
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof Integer || n instanceof Long) {
      return BigDecimal.valueOf(((Number) n).longValue());
    }
    return BigDecimal.valueOf(((Number) n).doubleValue());
  }
}
