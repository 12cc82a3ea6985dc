package org.pilotcity.programyear;

import static org.pilotcity.programyear.ProgramYearVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Builds the year's list of pilot cities from what every applicant unit reported: each unit's
 * pilotSelection instance (a child of this one) holds {@code selectionOutcome}, {@code selectedCities} and
 * {@code selectionReason} in its history. Adds region ({@code applicantRegion} of the unit) and award
 * ({@code awardStandard}) per city, counts by region, totals the awards and compares them with the
 * year's budget ({@code annualBudget}); exceeding it is a warning for the confirming official, not a refusal.
 */
@Component("summarizeNationalList")
public class SummarizeNationalList implements JavaDelegate {

  private static final List<String> RESULT_VARIABLES = List.of(SELECTION_OUTCOME, SELECTED_CITIES, SELECTION_REASON,
      APPLICANT_UNIT_CODE);

  private final Organization organization;

  public SummarizeNationalList(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = ((Number) execution.getVariable(PROGRAM_YEAR)).intValue();
    String level = (String) execution.getVariable(FUNDING_LEVEL);
    List<String> units = applicantUnits(execution);
    Map<String, Map<String, Object>> reported = AsProgram.call(() -> reportedResults(execution));
    ProgramRules rules = new ProgramRules(execution.getProcessEngineServices().getDecisionService());

    List<Map<String, Object>> list = new ArrayList<>();
    List<Map<String, Object>> withoutPilot = new ArrayList<>();
    Map<String, Integer> countByRegion = new LinkedHashMap<>();
    REGIONS.keySet().forEach(r -> countByRegion.put(r, 0));
    Map<String, Long> awardByUnit = new HashMap<>();
    long totalAwards = 0;
    int citiesWithoutAward = 0;

    for (String unitCode : units) {
      String unitName = organization.unit(unitCode).map(ApplicantUnit::nameZh).orElse(unitCode);
      Map<String, Object> result = reported.get(unitCode);
      List<JsonNode> cities = selectedCities(result);
      if (cities.isEmpty()) {
        withoutPilot.add(row("applicantUnitCode", unitCode, "applicantUnitName", unitName,
            "reason", reasonWithoutPilot(result)));
        continue;
      }
      String region = rules.region(unitCode);
      Long award = awardByUnit.computeIfAbsent(unitCode, u -> rules.awardOrNull(region, level, u));
      for (JsonNode city : cities) {
        list.add(row("applicantUnitCode", unitCode, "applicantUnitName", unitName,
            "cityCode", SelectionResults.textOrNull(city, "cityCode"),
            "cityName", SelectionResults.textOrNull(city, "cityName"),
            "region", region, "regionName", REGIONS.getOrDefault(region, region),
            "awardAmount", award, "awardText", award == null ? "待定（奖励标准未设置）" : String.format("%,d", award),
            "rank", SelectionResults.integerOrNull(city, "rank"),
            "meanScore", SelectionResults.decimalOrNull(city, "meanScore"),
            "exceptionJustification", SelectionResults.textOrNull(city, "exceptionJustification")));
        countByRegion.merge(region, 1, Integer::sum);
        if (award == null) {
          citiesWithoutAward++;
        } else {
          totalAwards += award;
        }
      }
    }

    // a province's own year is held against its own budget row, never against the central one
    Long budget = rules.budgetOrNull(level, year,
        PROVINCIAL.equals(level) ? (String) execution.getVariable(APPLICANT_UNIT_CODE) : null);
    boolean exceeded = budget != null && totalAwards > budget;
    List<String> warnings = new ArrayList<>();
    if (exceeded) {
      warnings.add(String.format("奖励资金合计 %,d 元，超出年度预算 %,d 元 %,d 元", totalAwards, budget, totalAwards - budget));
    }
    if (citiesWithoutAward > 0) {
      warnings.add(citiesWithoutAward + "个试点城市的奖励标准未设置：决策表“试点城市奖励标准”(awardStandard)没有“"
          + FUNDING_LEVELS.get(level) + "”(" + level + ")" + (PROVINCIAL.equals(level) ? "本省" : "") + "的规则，奖励金额待定，请政策主管部门补充");
    }
    if (budget == null) {
      warnings.add("年度预算未设置：决策表“年度奖励资金预算”(annualBudget)没有" + year + "年度“" + FUNDING_LEVELS.get(level)
          + "”(" + level + ")的规则，无法核对预算");
    }

    execution.setVariable(NATIONAL_LIST, SelectionResults.json(list));
    execution.setVariable(UNITS_WITHOUT_PILOT, SelectionResults.json(withoutPilot));
    execution.setVariable(COUNT_EAST, countByRegion.get("EAST"));
    execution.setVariable(COUNT_CENTRAL, countByRegion.get("CENTRAL"));
    execution.setVariable(COUNT_WEST, countByRegion.get("WEST"));
    execution.setVariable(TOTAL_CITIES, list.size());
    execution.setVariable(TOTAL_AWARDS, totalAwards);
    execution.setVariable(BUDGET_AMOUNT, budget);
    execution.setVariable(BUDGET_EXCEEDED, exceeded);
    execution.setVariable(AWARDS_UNDETERMINED, citiesWithoutAward > 0);
    execution.setVariable(BUDGET_WARNING, String.join("；", warnings));
    execution.setVariable(NATIONAL_LIST_SUMMARY, summary(execution, year, level, units.size(), list.size(),
        countByRegion, totalAwards, budget, withoutPilot, warnings));
  }

  /** Per unit code: the result variables of its (latest) ended or running pilotSelection instance. */
  private Map<String, Map<String, Object>> reportedResults(DelegateExecution execution) {
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    List<HistoricProcessInstance> selections = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(execution.getProcessInstanceId())
        .processDefinitionKey(SELECTION_PROCESS_KEY)
        .orderByProcessInstanceStartTime().asc()
        .list();
    Map<String, Map<String, Object>> byUnit = new HashMap<>();
    if (selections.isEmpty()) {
      return byUnit;
    }
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(selections.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(RESULT_VARIABLES.toArray(String[]::new))
        .list();
    for (HistoricVariableInstance variable : variables) {
      // only what the selection reported at its top level, not task-local working copies
      if (variable.getProcessInstanceId().equals(variable.getExecutionId())) {
        byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    for (HistoricProcessInstance selection : selections) { // later instances of a unit replace earlier ones
      Map<String, Object> result = byInstance.getOrDefault(selection.getId(), new HashMap<>());
      // the tenant, which no task holder can change, says whose result this is
      Object unit = selection.getTenantId() != null ? selection.getTenantId() : result.get(APPLICANT_UNIT_CODE);
      if (unit != null) {
        byUnit.put(unit.toString(), result);
      }
    }
    return byUnit;
  }

  private static List<JsonNode> selectedCities(Map<String, Object> result) {
    List<JsonNode> cities = new ArrayList<>();
    if (result != null && OUTCOME_SELECTED.equals(result.get(SELECTION_OUTCOME))) {
      SelectionResults.array(result.get(SELECTED_CITIES)).forEach(cities::add);
    }
    cities.sort(Comparator.comparing((JsonNode c) -> SelectionResults.integerOrNull(c, "rank"),
        Comparator.nullsLast(Comparator.naturalOrder())));
    return cities;
  }

  private static String reasonWithoutPilot(Map<String, Object> result) {
    if (result == null || result.get(SELECTION_OUTCOME) == null) {
      return "未报送评审结果";
    }
    Object reason = result.get(SELECTION_REASON);
    if (reason != null && !reason.toString().isBlank()) {
      return reason.toString();
    }
    return OUTCOME_SELECTED.equals(result.get(SELECTION_OUTCOME)) ? "报送的试点城市名单为空" : "本年度未确定试点城市";
  }

  private static String summary(DelegateExecution execution, int year, String level, int units, int cities,
      Map<String, Integer> countByRegion, long totalAwards, Long budget, List<Map<String, Object>> withoutPilot,
      List<String> warnings) {
    StringBuilder text = new StringBuilder();
    text.append(year).append("年度").append(FUNDING_LEVELS.get(level));
    Object unitName = execution.getVariable(APPLICANT_UNIT_NAME);
    if (PROVINCIAL.equals(level) && unitName != null) {
      text.append("（").append(unitName).append("）");
    }
    text.append("名单：").append(units).append("个申报单位中").append(units - withoutPilot.size())
        .append("个确定了试点城市，共").append(cities).append("个（东部").append(countByRegion.get("EAST"))
        .append("个、中部").append(countByRegion.get("CENTRAL")).append("个、西部").append(countByRegion.get("WEST"))
        .append("个）；奖励资金合计").append(String.format("%,d", totalAwards)).append("元");
    if (budget != null) {
      text.append("，年度预算").append(String.format("%,d", budget)).append("元");
    }
    text.append("。");
    if (!withoutPilot.isEmpty()) {
      text.append("\n未确定试点城市的申报单位：");
      List<String> parts = new ArrayList<>();
      withoutPilot.forEach(u -> parts.add(u.get("applicantUnitName") + "（" + u.get("reason") + "）"));
      text.append(String.join("、", parts)).append("。");
    }
    if (!warnings.isEmpty()) {
      text.append("\n提示：").append(String.join("；", warnings)).append("。");
    }
    return text.toString();
  }

  private static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  @SuppressWarnings("unchecked")
  static List<String> applicantUnits(DelegateExecution execution) {
    Object units = execution.getVariable(APPLICANT_UNITS);
    List<String> codes = new ArrayList<>();
    if (units instanceof List<?> list) {
      list.forEach(u -> codes.add(String.valueOf(u)));
    }
    return codes;
  }
}
