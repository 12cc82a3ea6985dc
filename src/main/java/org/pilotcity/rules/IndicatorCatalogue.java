package org.pilotcity.rules;

import static org.pilotcity.rules.RuleDecisions.INDICATOR_CATALOGUE;
import static org.pilotcity.rules.RuleDecisions.INDICATOR_SCORE;
import static org.pilotcity.rules.RuleDecisions.PERFORMANCE_WEIGHTS;
import static org.pilotcity.rules.RuleDecisions.SCORING_RULE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Loads the indicator catalogue (DMN {@code indicatorCatalogue}), the area weights it must add up to
 * (DMN {@code performanceWeights}) and the known scoring rules (DMN {@code indicatorScore}), and checks
 * them against each other. No static state: build one with the DMN engine to use, or the default one.
 *
 * <p>Loading reads the DMN XML with a stand-alone DMN engine, so it leaves no decision history behind.
 * {@link DecisionGuardPlugin} runs it at engine start and for every new deployment that touches one of the
 * three decisions.
 */
public class IndicatorCatalogue {

  /** Keys of the decisions the check needs. */
  public static final Set<String> DECISION_KEYS = Set.of(INDICATOR_CATALOGUE, PERFORMANCE_WEIGHTS, INDICATOR_SCORE);

  /** Group ids of the departments that may be responsible for an indicator (see organization/departments.csv). */
  public static final Set<String> DEPARTMENTS = Set.of("pbocBranch", "cbircOffice", "provincialFinance",
      "localFinancialRegulator", "scienceTech", "industryIt");

  private static final BigDecimal HUNDRED_PERCENT = BigDecimal.valueOf(100);
  private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");

  private DmnEngine dmnEngine;

  /** Uses a stand-alone default DMN engine (FEEL), built on first use. */
  public IndicatorCatalogue() {
  }

  public IndicatorCatalogue(DmnEngine dmnEngine) {
    this.dmnEngine = dmnEngine;
  }

  private synchronized DmnEngine engine() {
    if (dmnEngine == null) {
      dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    }
    return dmnEngine;
  }

  // ------------------------------------------------------------------ loading

  /** Parses DMN files (any number, any order) and keeps the decisions the catalogue check needs. */
  public Map<String, DmnDecision> parse(InputStream... dmnFiles) {
    Map<String, DmnDecision> decisions = new HashMap<>();
    for (InputStream in : dmnFiles) {
      try (in) {
        for (DmnDecision d : engine().parseDecisions(in)) {
          if (DECISION_KEYS.contains(d.getKey())) {
            decisions.put(d.getKey(), d);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return decisions;
  }

  /** Loads from DMN files that hold {@code indicatorCatalogue}, {@code indicatorScore} and {@code performanceWeights}. */
  public CatalogueContents load(InputStream... dmnFiles) {
    return load(parse(dmnFiles));
  }

  /** Loads the latest deployed versions (shared, i.e. without tenant). */
  public CatalogueContents load(RepositoryService repositoryService) {
    Map<String, DmnDecision> decisions = new HashMap<>();
    for (String key : DECISION_KEYS) {
      DecisionDefinition definition = latest(repositoryService, key);
      if (definition != null) {
        decisions.putAll(filter(parse(repositoryService.getDecisionModel(definition.getId())), key));
      }
    }
    return load(decisions);
  }

  /** True if an {@code indicatorCatalogue} is deployed (shared, without tenant). */
  public boolean isDeployed(RepositoryService repositoryService) {
    return latest(repositoryService, INDICATOR_CATALOGUE) != null;
  }

  /** Loads from parsed decisions, by key. A missing decision is an error. */
  public CatalogueContents load(Map<String, DmnDecision> decisions) {
    List<String> missing = DECISION_KEYS.stream().filter(k -> !decisions.containsKey(k)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new InvalidIndicatorCatalogueException(List.of("缺少决策 " + missing
          + "（指标目录须与绩效评价权重表、指标计分规则一起部署）/ missing decisions " + missing
          + " (the catalogue is checked against performanceWeights and indicatorScore)"));
    }
    return new CatalogueContents(indicators(decisions.get(INDICATOR_CATALOGUE)),
        weights(decisions.get(PERFORMANCE_WEIGHTS)), scoringRules(decisions.get(INDICATOR_SCORE)));
  }

  public CatalogueContents loadAndValidate(InputStream... dmnFiles) {
    return validate(load(dmnFiles));
  }

  public CatalogueContents loadAndValidate(RepositoryService repositoryService) {
    return validate(load(repositoryService));
  }

  // ------------------------------------------------------------------ validation

  /** Throws {@link InvalidIndicatorCatalogueException} listing every problem; returns the contents if there is none. */
  public CatalogueContents validate(CatalogueContents contents) {
    List<String> problems = problems(contents);
    if (!problems.isEmpty()) {
      throw new InvalidIndicatorCatalogueException(problems);
    }
    return contents;
  }

  /** Every problem of the catalogue, in Chinese and English; empty if it is valid. */
  public List<String> problems(CatalogueContents contents) {
    List<String> problems = new ArrayList<>();
    BigDecimal weightSum = BigDecimal.ZERO;
    for (EvaluationArea area : EvaluationArea.values()) {
      BigDecimal weight = contents.areaWeights().get(area);
      if (weight == null) {
        problems.add("权重表缺少领域" + area.number() + "（" + area.nameZh() + "）的权重 " + area.weightOutput()
            + " / performanceWeights has no " + area.weightOutput() + " for area " + area.number());
        continue;
      }
      weightSum = weightSum.add(weight);
      BigDecimal points = contents.pointsOf(area);
      int cmp = points.compareTo(weight);
      if (cmp != 0) {
        BigDecimal off = points.subtract(weight).abs();
        problems.add("领域" + area.number() + "（" + area.nameZh() + "）指标分值合计" + plain(points) + "，应为"
            + plain(weight) + "，" + (cmp < 0 ? "少" : "多") + plain(off) + "分"
            + " / area " + area.number() + " (" + area.nameEn() + ") indicators add up to " + plain(points)
            + " points, expected " + plain(weight) + ": off by " + plain(off) + (cmp < 0 ? " (short)" : " (over)"));
      }
    }
    if (contents.areaWeights().size() == EvaluationArea.values().length && weightSum.compareTo(HUNDRED_PERCENT) != 0) {
      problems.add("四个方面的权重合计" + plain(weightSum) + "，应为100 / the area weights add up to "
          + plain(weightSum) + ", expected 100");
    }
    if (contents.indicators().isEmpty()) {
      problems.add("指标目录没有指标 / the catalogue has no indicator");
    }
    Set<String> codes = new HashSet<>();
    int row = 0;
    for (Indicator i : contents.indicators()) {
      row++;
      String where = "第" + row + "行（" + i.code() + "）";
      String whereEn = "row " + row + " (" + i.code() + ")";
      if (blank(i.code())) {
        problems.add(where + "缺少指标代码 / " + whereEn + " has no code");
      } else if (!codes.add(i.code())) {
        problems.add(where + "指标代码重复 / " + whereEn + " repeats code " + i.code());
      }
      if (blank(i.name())) {
        problems.add(where + "缺少指标名称 / " + whereEn + " has no name");
      }
      if (EvaluationArea.byNumber(i.area()).isEmpty()) {
        problems.add(where + "所属方面" + i.area() + "不是1—4 / " + whereEn + " has area " + i.area() + ", not 1–4");
      }
      if (i.points() == null || i.points().signum() <= 0) {
        problems.add(where + "分值须为正数：" + i.points() + " / " + whereEn + " points must be positive: " + i.points());
      }
      if (!DEPARTMENTS.contains(i.department())) {
        problems.add(where + "负责部门" + i.department() + "不是" + DEPARTMENTS + "之一 / " + whereEn
            + " department " + i.department() + " is not one of " + DEPARTMENTS);
      }
      if (!contents.scoringRules().contains(i.scoringRule())) {
        problems.add(where + "计分规则" + i.scoringRule() + "不在指标计分规则表" + contents.scoringRules() + "中 / "
            + whereEn + " scoring rule " + i.scoringRule() + " is not one of indicatorScore's " + contents.scoringRules());
      }
      if (i.provisional() == null) {
        problems.add(where + "未填写是否暂定 / " + whereEn + " does not say whether it is provisional");
      }
      if (blank(i.dataDefinition())) {
        problems.add(where + "缺少填报口径 / " + whereEn + " has no data definition");
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ helpers

  private List<Indicator> indicators(DmnDecision catalogue) {
    DmnDecisionResult result = engine().evaluateDecision(catalogue, Variables.createVariables());
    List<Indicator> indicators = new ArrayList<>();
    for (DmnDecisionResultEntries row : result) {
      indicators.add(new Indicator(
          (String) row.get("code"),
          (String) row.get("name"),
          row.get("area") == null ? null : ((Number) row.get("area")).intValue(),
          decimal(row.get("points")),
          (String) row.get("unit"),
          (String) row.get("department"),
          (String) row.get("dataDefinition"),
          (String) row.get("scoringRule"),
          (Boolean) row.get("provisional")));
    }
    return indicators;
  }

  private Map<EvaluationArea, BigDecimal> weights(DmnDecision weightsDecision) {
    DmnDecisionResultEntries row = engine().evaluateDecision(weightsDecision, Variables.createVariables()).getSingleResult();
    Map<EvaluationArea, BigDecimal> weights = new EnumMap<>(EvaluationArea.class);
    for (EvaluationArea area : EvaluationArea.values()) {
      BigDecimal w = row == null ? null : decimal(row.get(area.weightOutput()));
      if (w != null) {
        weights.put(area, w);
      }
    }
    return weights;
  }

  /** The string literals in the {@code scoringRule} column of {@code indicatorScore}. */
  private static Set<String> scoringRules(DmnDecision scoreDecision) {
    Set<String> rules = new LinkedHashSet<>();
    if (!(scoreDecision.getDecisionLogic() instanceof DmnDecisionTableImpl table)) {
      return rules;
    }
    int column = -1;
    List<DmnDecisionTableInputImpl> inputs = table.getInputs();
    for (int c = 0; c < inputs.size(); c++) {
      DmnExpressionImpl expression = inputs.get(c).getExpression();
      if (expression != null && SCORING_RULE.equals(trim(expression.getExpression()))) {
        column = c;
      }
    }
    if (column < 0) {
      return rules;
    }
    for (DmnDecisionTableRuleImpl rule : table.getRules()) {
      Matcher m = STRING_LITERAL.matcher(String.valueOf(rule.getConditions().get(column).getExpression()));
      while (m.find()) {
        rules.add(m.group(1));
      }
    }
    return rules;
  }

  private static DecisionDefinition latest(RepositoryService repositoryService, String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key)
        .withoutTenantId().latestVersion().singleResult();
  }

  private static Map<String, DmnDecision> filter(Map<String, DmnDecision> parsed, String key) {
    return parsed.containsKey(key) ? Map.of(key, parsed.get(key)) : Map.of();
  }

  private static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal b) {
      return b;
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return BigDecimal.valueOf(((Number) value).doubleValue());
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
