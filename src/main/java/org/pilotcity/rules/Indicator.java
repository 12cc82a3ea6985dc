package org.pilotcity.rules;

import java.math.BigDecimal;

/**
 * One row of the indicator catalogue (DMN {@code indicatorCatalogue}).
 *
 * @param code           stable English id, e.g. {@code inclusiveLoanBalanceIncrement}
 * @param name           Chinese name
 * @param area           area number 1–4 ({@link EvaluationArea#number()})
 * @param points         points of the indicator (分值)
 * @param unit           unit of the values (亿元, %, 户 …)
 * @param department     group id of the responsible department
 * @param dataDefinition data definition and source (填报口径)
 * @param scoringRule    a rule of the DMN {@code indicatorScore}, e.g. {@code RATIO_TO_TARGET}
 * @param provisional    true while the row is not from the official attachment
 */
public record Indicator(String code, String name, Integer area, BigDecimal points, String unit,
    String department, String dataDefinition, String scoringRule, Boolean provisional) {

  public boolean isProvisional() {
    return Boolean.TRUE.equals(provisional);
  }
}
