package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.APPLICATIONS;
import static org.pilotcity.selection.SelectionVariables.APPLICATION_COUNT;
import static org.pilotcity.selection.SelectionVariables.NOT_IN_COMPETITION;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * 汇总申报材料, when the application window has closed: the applications in the competition are the
 * {@code cityApplication} instances of this unit (tenant), year and funding level that wait at
 * {@code awaitSelectionOutcome} (eligible, or an exception granted). Sets {@code applications} = [{cityCode,
 * cityName, applicantType, planSummary, submittedAt, exceptionJustification, businessKey}] ordered by
 * submission time, {@code applicationCount}, and {@code applicationsNotInCompetition} = the business keys
 * of the unit's other running applications of that year and level, which are told "not selected" too.
 */
@Component("collectApplications")
public class CollectApplications implements JavaDelegate {

  static final String APPLICATION_PROCESS = "cityApplication";
  static final String AWAITING_OUTCOME = "awaitSelectionOutcome";
  static final List<String> FIELDS = List.of("cityCode", "cityName", "applicantType", "planSummary", "submittedAt",
      "exceptionJustification");

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    String unit = execution.getTenantId();
    Object year = execution.getVariable("programYear");
    Object level = execution.getVariable("fundingLevel");

    List<ObjectNode> competing = new ArrayList<>();
    List<String> others = new ArrayList<>();
    AsProgram.call(() -> {
      List<String> competingIds = new ArrayList<>();
      for (ProcessInstance instance : query(runtime, unit, year, level).activityIdIn(AWAITING_OUTCOME).list()) {
        Map<String, Object> variables = runtime.getVariables(instance.getId(), FIELDS);
        ObjectNode row = JsonVariables.object();
        FIELDS.forEach(field -> row.put(field, variables.get(field) == null ? null : variables.get(field).toString()));
        row.put("businessKey", instance.getBusinessKey());
        competing.add(row);
        competingIds.add(instance.getId());
      }
      for (ProcessInstance instance : query(runtime, unit, year, level).list()) {
        if (!competingIds.contains(instance.getId()) && instance.getBusinessKey() != null) {
          others.add(instance.getBusinessKey());
        }
      }
      return null;
    });

    competing.sort(Comparator.comparing((ObjectNode row) -> instant(JsonVariables.text(row, "submittedAt")),
            Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(row -> String.valueOf(JsonVariables.text(row, "cityCode"))));
    ArrayNode applications = JsonVariables.array();
    competing.forEach(applications::add);
    ArrayNode notInCompetition = JsonVariables.array();
    others.stream().sorted().forEach(notInCompetition::add);

    execution.setVariable(APPLICATIONS, JsonVariables.json(applications));
    execution.setVariable(APPLICATION_COUNT, applications.size());
    execution.setVariable(NOT_IN_COMPETITION, JsonVariables.json(notInCompetition));
  }

  private static ProcessInstanceQuery query(RuntimeService runtime, String unit, Object year, Object level) {
    ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionKey(APPLICATION_PROCESS)
        .variableValueEquals("programYear", year).variableValueEquals("fundingLevel", level);
    return unit == null ? query.withoutTenantId() : query.tenantIdIn(unit);
  }

  /** A submission time as an instant; null if missing or not an ISO instant (such rows sort last). */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notADateTime) {
        return null;
      }
    }
  }
}
