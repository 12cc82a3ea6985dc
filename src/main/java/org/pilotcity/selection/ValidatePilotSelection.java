package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.OUTCOME_NO_PILOT;
import static org.pilotcity.selection.SelectionVariables.OUTCOME_SELECTED;
import static org.pilotcity.selection.SelectionVariables.PILOT_QUOTA;
import static org.pilotcity.selection.SelectionVariables.RANKING;
import static org.pilotcity.selection.SelectionVariables.SELECTED_CITIES;
import static org.pilotcity.selection.SelectionVariables.SELECTED_CITY_CODES;
import static org.pilotcity.selection.SelectionVariables.SELECTION_OUTCOME;
import static org.pilotcity.selection.SelectionVariables.SELECTION_REASON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.Selections;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Checks the province's choice of pilot cities (确定试点城市) against its yearly quota ({@code pilotQuota},
 * from the decision {@code annualPilotQuota}) and the ranking:
 * <ul>
 *   <li>only ranked applications, and no more than the quota;</li>
 *   <li>a reason is required when fewer cities are chosen than could be (the quota, or fewer applications),
 *       including choosing none, and when the choice departs from the ranking's order.</li>
 * </ul>
 * Sets {@code selectedCities} = [{cityCode, cityName, rank, meanScore, applicantType, exceptionJustification,
 * businessKey}] in ranking order and {@code selectionOutcome} SELECTED, or NO_PILOT when none is chosen.
 */
@Component("validatePilotSelection")
public class ValidatePilotSelection implements TaskListener {

  static final int REASON_MAX = SelectionVariables.TEXT_MAX;

  @Override
  public void notify(DelegateTask task) {
    Object quotaValue = task.getVariable(PILOT_QUOTA);
    if (!(quotaValue instanceof Number)) {
      throw new ProcessEngineException("本单位年度名额（pilotQuota）未确定 / no pilotQuota for this unit");
    }
    int quota = ((Number) quotaValue).intValue();
    Map<String, JsonNode> ranking = new LinkedHashMap<>();
    JsonVariables.elements(task.getVariable(RANKING)).forEach(row -> ranking.put(JsonVariables.text(row, "cityCode"), row));

    List<String> chosen = new ArrayList<>(new LinkedHashSet<>(Selections.asStrings(task.getVariable(SELECTED_CITY_CODES))));
    FormErrors errors = FormErrors.of(task);
    chosen.stream().filter(code -> !ranking.containsKey(code))
        .forEach(code -> errors.require(false, "试点城市：“" + code + "”不在本次评审的排名中"));
    errors.require(chosen.size() <= quota,
        String.format("所选城市数（%d）超过本单位年度名额（%d）", chosen.size(), quota));

    Object reasonValue = task.getVariable(SELECTION_REASON);
    String reason = reasonValue == null || reasonValue.toString().isBlank() ? null : reasonValue.toString().trim();
    int possible = Math.min(quota, ranking.size());
    boolean inRankingOrder = chosen.stream().allMatch(code -> ranking.containsKey(code)
        && ranking.get(code).path("rank").asInt() <= chosen.size());
    if (chosen.size() < possible) {
      errors.require(reason != null, String.format(
          "选定理由：所选城市数（%d）少于本单位可选数（%d，即年度名额与参评申报数中的较小者），必须说明理由", chosen.size(), possible));
    } else if (!inRankingOrder) {
      errors.require(reason != null, "选定理由：未按评审排名先后选定试点城市，必须说明理由");
    }
    errors.optionalText(SELECTION_REASON, "选定理由", REASON_MAX);
    errors.throwIfAny();

    ArrayNode selected = JsonVariables.array();
    ArrayNode codes = JsonVariables.array();
    ranking.values().stream().filter(row -> chosen.contains(JsonVariables.text(row, "cityCode"))).forEach(row -> {
      selected.addObject()
          .put("cityCode", JsonVariables.text(row, "cityCode"))
          .put("cityName", JsonVariables.text(row, "cityName"))
          .put("rank", row.path("rank").asInt())
          .put("meanScore", JsonVariables.number(row, "meanScore"))
          .put("applicantType", JsonVariables.text(row, "applicantType"))
          .put("exceptionJustification", JsonVariables.text(row, "exceptionJustification"))
          .put("businessKey", JsonVariables.text(row, "businessKey"));
      codes.add(JsonVariables.text(row, "cityCode"));
    });
    task.setVariable(SELECTED_CITY_CODES, JsonVariables.json(codes));
    task.setVariable(SELECTED_CITIES, JsonVariables.json(selected));
    task.setVariable(SELECTION_OUTCOME, selected.isEmpty() ? OUTCOME_NO_PILOT : OUTCOME_SELECTED);
    task.setVariable(SELECTION_REASON, reason);
  }
}
