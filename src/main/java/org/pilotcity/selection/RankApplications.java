package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.APPLICATIONS;
import static org.pilotcity.selection.SelectionVariables.RANKING;
import static org.pilotcity.selection.SelectionVariables.RANKING_OPTIONS;
import static org.pilotcity.selection.SelectionVariables.RANKING_RULE;
import static org.pilotcity.selection.SelectionVariables.REVIEW_SCORES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * 计算排名, when every reviewer has scored: {@code ranking} by the documented rule ({@link Ranking#RULE},
 * also stored as {@code rankingRule}), and {@code rankingOptions} = [{label: "第1名 沈阳市（平均分 88.50）",
 * value: cityCode}] for the selection form.
 */
@Component("rankApplications")
public class RankApplications implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ArrayNode ranking = Ranking.rank(JsonVariables.elements(execution.getVariable(APPLICATIONS)),
        JsonVariables.elements(execution.getVariable(REVIEW_SCORES)));
    ArrayNode options = JsonVariables.array();
    for (JsonNode row : ranking) {
      options.addObject().put("label", Ranking.label(row)).put("value", JsonVariables.text(row, "cityCode"));
    }
    execution.setVariable(RANKING, JsonVariables.json(ranking));
    execution.setVariable(RANKING_OPTIONS, JsonVariables.json(options));
    execution.setVariable(RANKING_RULE, Ranking.RULE);
  }
}
