package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.INDICATOR_TARGETS;
import static org.pilotcity.evaluation.EvaluationOptions.SLOTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.CatalogueContents;
import org.pilotcity.rules.EvaluationArea;
import org.pilotcity.rules.Indicator;
import org.pilotcity.rules.IndicatorCatalogue;
import org.pilotcity.forms.JsonVariables;

/**
 * The city's indicator sheet (绩效评价指标表) as the evaluation reads it: the rows of the accepted plan
 * ({@code indicatorTargets}: code, name, area, points, unit, prior-year actual, target), in the plan's
 * order, row n being the form's numbered field n. Points, names and targets are the plan's — the contract
 * the city was selected on; the scoring rule of each indicator is the current catalogue's. Public for the
 * quarterly monitoring, which reports against the same plan rows.
 */
public final class EvaluationSheet {

  /** One indicator of the plan; {@code slot} is its 1-based row number (the n of area1_n). */
  public record Row(int slot, String code, String name, int area, BigDecimal points, String unit, BigDecimal baseline,
      BigDecimal target) {}

  private static final IndicatorCatalogue CATALOGUE = new IndicatorCatalogue();
  /** Loaded catalogues by the ids of the decision versions they came from: a new deployment is a new key. */
  private static final Map<String, CatalogueContents> LOADED = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CatalogueContents> eldest) {
      return size() > 8;
    }
  };

  private EvaluationSheet() {}

  /** A number of a plan row, or null when it is missing or not a number (reported as a problem by the caller). */
  private static BigDecimal number(JsonNode row, String field) {
    try {
      return JsonVariables.number(row, field);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The plan's rows; every problem with them (the caller's data, not the user's) in one message. */
  public static List<Row> rows(Object indicatorTargets) {
    JsonNode rows = JsonVariables.read(indicatorTargets);
    List<String> problems = new ArrayList<>();
    List<Row> result = new ArrayList<>();
    if (!rows.isArray() || rows.isEmpty()) {
      throw new IllegalStateException("绩效评价缺少试点城市的绩效目标（" + INDICATOR_TARGETS + "）/ " + INDICATOR_TARGETS
          + " is missing or empty");
    }
    if (rows.size() > SLOTS) {
      problems.add("指标" + rows.size() + "项，超过表单可填写的" + SLOTS + "项");
    }
    Set<String> codes = new HashSet<>();
    int slot = 0;
    for (JsonNode row : rows) {
      slot++;
      String code = row.path("code").asText("").trim();
      String where = "第" + slot + "项（" + code + "）";
      if (code.isEmpty() || !codes.add(code)) {
        problems.add(where + "缺少指标代码或重复");
      }
      BigDecimal area = number(row, "area");
      if (area == null || EvaluationArea.byNumber(area.intValue()).isEmpty()) {
        problems.add(where + "所属方面不是1—4");
      }
      BigDecimal points = number(row, "points");
      if (points == null || points.signum() <= 0) {
        problems.add(where + "分值须为正数");
      }
      BigDecimal target = number(row, "target");
      if (target == null) {
        problems.add(where + "缺少目标值");
      }
      if (problems.isEmpty()) {
        result.add(new Row(slot, code, row.path("name").asText(code), area.intValue(), points,
            row.path("unit").asText(""), number(row, "baseline"), target));
      }
    }
    for (EvaluationArea area : EvaluationArea.values()) {
      if (problems.isEmpty() && result.stream().noneMatch(r -> r.area() == area.number())) {
        problems.add("没有" + areaName(area) + "的指标");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("试点城市的绩效目标（" + INDICATOR_TARGETS + "）不能用于评价：" + String.join("；", problems));
    }
    return result;
  }

  public static List<Row> rows(VariableScope scope) {
    return rows(scope.getVariable(INDICATOR_TARGETS));
  }

  /**
   * The catalogue to score this plan by: the plan's indicators, points and areas with the scoring rule of
   * the current catalogue (DMN indicatorCatalogue), read on the program's behalf.
   */
  public static CatalogueContents catalogue(ProcessEngineServices services, List<Row> rows) {
    CatalogueContents current = AsProgram.call(() -> current(services.getRepositoryService()));
    List<Indicator> indicators = new ArrayList<>();
    for (Row row : rows) {
      Indicator known;
      try {
        known = current.indicator(row.code());
      } catch (NoSuchElementException notInCatalogue) {
        throw new IllegalStateException("指标“" + row.name() + "”（" + row.code() + "）不在现行指标目录中，无法确定计分规则 / indicator "
            + row.code() + " is not in the current catalogue", notInCatalogue);
      }
      indicators.add(new Indicator(row.code(), row.name(), row.area(), row.points(), row.unit(), known.department(),
          known.dataDefinition(), known.scoringRule(), known.provisional()));
    }
    return current.withIndicators(indicators);
  }

  /** The latest shared versions of the catalogue's decisions, loaded once per set of versions. */
  private static CatalogueContents current(RepositoryService repository) {
    StringBuilder versions = new StringBuilder();
    for (String key : new TreeSet<>(IndicatorCatalogue.DECISION_KEYS)) {
      DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
          .withoutTenantId().latestVersion().singleResult();
      versions.append(latest == null ? "-" : latest.getId()).append(' ');
    }
    String key = versions.toString();
    synchronized (LOADED) {
      CatalogueContents cached = LOADED.get(key);
      if (cached != null) {
        return cached;
      }
    }
    CatalogueContents loaded = CATALOGUE.load(repository);
    synchronized (LOADED) {
      LOADED.put(key, loaded);
    }
    return loaded;
  }

  /** Rows of the area table the forms show: area, name, weight, achievement (0–100). */
  static ArrayNode areaScores(CatalogueContents catalogue, Map<EvaluationArea, BigDecimal> achievements) {
    ArrayNode rows = JsonVariables.array();
    for (EvaluationArea area : EvaluationArea.values()) {
      ObjectNode row = rows.addObject();
      row.put("area", area.number());
      row.put("areaName", areaName(area));
      JsonVariables.put(row, "weight", catalogue.areaWeights().get(area));
      BigDecimal achievement = achievements.get(area);
      JsonVariables.put(row, "achievement", EvaluationOptions.clean(achievement));
      row.put("achievementText", EvaluationOptions.text(achievement));
    }
    return rows;
  }

  static String areaName(EvaluationArea area) {
    return "一二三四".charAt(area.number() - 1) + "、" + area.nameZh();
  }
}
