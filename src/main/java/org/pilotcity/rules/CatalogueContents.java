package org.pilotcity.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What {@link IndicatorCatalogue} loaded: the indicators, the area weights they must add up to, and the
 * scoring rules the {@code indicatorScore} table knows. Immutable.
 */
public record CatalogueContents(List<Indicator> indicators, Map<EvaluationArea, BigDecimal> areaWeights,
    Set<String> scoringRules) {

  public CatalogueContents {
    indicators = List.copyOf(indicators);
    areaWeights = Collections.unmodifiableMap(areaWeights.isEmpty()
        ? new EnumMap<>(EvaluationArea.class) : new EnumMap<>(areaWeights));
    scoringRules = Set.copyOf(scoringRules);
  }

  public List<Indicator> indicatorsOf(EvaluationArea area) {
    return indicators.stream().filter(i -> i.area() != null && i.area() == area.number()).toList();
  }

  public BigDecimal pointsOf(EvaluationArea area) {
    return indicatorsOf(area).stream().map(Indicator::points).filter(p -> p != null)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public Indicator indicator(String code) {
    return indicators.stream().filter(i -> code.equals(i.code())).findFirst()
        .orElseThrow(() -> new NoSuchElementException("指标目录中没有指标 " + code + " / no indicator " + code));
  }

  /** A copy with other indicators (e.g. to test a modified catalogue). */
  public CatalogueContents withIndicators(List<Indicator> other) {
    return new CatalogueContents(other, areaWeights, scoringRules);
  }
}
