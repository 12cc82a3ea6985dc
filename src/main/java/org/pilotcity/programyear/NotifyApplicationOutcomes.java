package org.pilotcity.programyear;

import static org.pilotcity.programyear.ProgramYearVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * Tells every application of this year and level that is still in the competition (waiting at
 * {@code awaitSelectionOutcome}) its outcome: message {@code pilotSelectionOutcome} with {@code selected},
 * {@code selectionRank} and {@code awardAmount}. A provincial year reaches only its own unit's cities.
 */
@Component("notifyApplicationOutcomes")
public class NotifyApplicationOutcomes implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Integer year = ((Number) execution.getVariable(PROGRAM_YEAR)).intValue();
    String level = (String) execution.getVariable(FUNDING_LEVEL);
    Map<String, JsonNode> listed = new HashMap<>();
    SelectionResults.array(execution.getVariable(NATIONAL_LIST))
        .forEach(row -> listed.put(SelectionResults.textOrNull(row, CITY_CODE), row));

    int notified = AsProgram.call(() -> {
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      ProcessInstanceQuery waiting = runtime.createProcessInstanceQuery()
          .processDefinitionKey(APPLICATION_PROCESS_KEY)
          .variableValueEquals(PROGRAM_YEAR, year)
          .variableValueEquals(FUNDING_LEVEL, level)
          .activityIdIn(AWAIT_OUTCOME_ACTIVITY);
      if (PROVINCIAL.equals(level)) {
        waiting.tenantIdIn((String) execution.getVariable(APPLICANT_UNIT_CODE));
      }
      List<ProcessInstance> applications = waiting.list();
      for (ProcessInstance application : applications) {
        JsonNode row = listed.get(cityCode(runtime, application));
        Long award = row == null || row.get(AWARD_AMOUNT) == null || row.get(AWARD_AMOUNT).isNull()
            ? null : row.get(AWARD_AMOUNT).longValue();
        MessageCorrelationBuilder message = runtime.createMessageCorrelation(OUTCOME_MESSAGE)
            .processInstanceId(application.getId())
            .setVariable(SELECTED, row != null)
            .setVariable(SELECTION_RANK, Variables.integerValue(row == null ? null : SelectionResults.integerOrNull(row, "rank")))
            .setVariable(AWARD_AMOUNT, Variables.longValue(award));
        if (application.getBusinessKey() != null) {
          message.processInstanceBusinessKey(application.getBusinessKey());
        }
        message.correlate();
      }
      return applications.size();
    });
    execution.setVariable(NOTIFIED_APPLICATIONS, notified);
  }

  /** The application's city: its variable cityCode, else the last part of its business key (year-level-city). */
  private static String cityCode(RuntimeService runtime, ProcessInstance application) {
    Object code = runtime.getVariable(application.getId(), CITY_CODE);
    if (code != null) {
      return code.toString();
    }
    String key = application.getBusinessKey();
    return key == null ? null : key.substring(key.lastIndexOf('-') + 1);
  }
}
