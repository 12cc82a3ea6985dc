package org.pilotcity.application;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * A selected city enters its pilot term ({@code pilotTerm}, business key = the pilot key
 * year-level-city): it takes the city, its unit and its accepted plan (targets) along, because the award,
 * the uses of funds and next year's evaluation are about them. Started once per pilot: a repeated step
 * finds the term already there (the ledger refuses a second award anyway).
 */
@Component("startPilotTerm")
public class StartPilotTerm implements JavaDelegate {

  static final String PILOT_TERM_KEY = "pilotTerm";
  static final List<String> HANDED_OVER = List.of("applicantUnitCode", "applicantUnitName", "cityCode", "cityName",
      "cityGroup", "programYear", "fundingLevel", "selectionRank", IndicatorTargets.VARIABLE);

  @Override
  public void execute(DelegateExecution execution) {
    String pilotKey = execution.getVariable("programYear") + "-" + execution.getVariable("fundingLevel") + "-"
        + execution.getVariable("cityCode");
    VariableMap variables = Variables.createVariables().putValue("pilotKey", pilotKey);
    Map<String, Object> own = execution.getVariables();
    HANDED_OVER.forEach(name -> variables.putValue(name, own.get(name)));

    String termId = AsProgram.call(() -> {
      ProcessEngineServices engine = execution.getProcessEngineServices();
      var existing = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKey(PILOT_TERM_KEY).processInstanceBusinessKey(pilotKey).list();
      if (!existing.isEmpty()) {
        return existing.get(0).getId();
      }
      return engine.getRuntimeService().startProcessInstanceByKey(PILOT_TERM_KEY, pilotKey, variables).getId();
    });
    execution.setVariable("pilotKey", pilotKey);
    execution.setVariable("pilotTermId", termId);
  }
}
