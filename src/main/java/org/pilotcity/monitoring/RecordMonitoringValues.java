package org.pilotcity.monitoring;

import static org.pilotcity.monitoring.MonitoringOptions.DEPARTMENT;
import static org.pilotcity.monitoring.MonitoringOptions.MONITORING_INDICATORS;
import static org.pilotcity.monitoring.MonitoringOptions.PILOT_KEY;
import static org.pilotcity.monitoring.MonitoringOptions.PROGRAM_YEAR;
import static org.pilotcity.monitoring.MonitoringOptions.QUARTER;
import static org.pilotcity.monitoring.MonitoringOptions.SLOTS;
import static org.pilotcity.monitoring.MonitoringOptions.VALUE_MAX_DIGITS;
import static org.pilotcity.monitoring.MonitoringOptions.VALUE_PREFIX;
import static org.pilotcity.monitoring.MonitoringOptions.VALUE_SCALE;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.JsonVariables;
import org.pilotcity.rules.IndicatorScoring;
import org.springframework.stereotype.Component;

/**
 * A department's quarterly report (报送季度监测数据): for every indicator it is responsible for, the current
 * value in the numbered field {@code value_<n>} (n = the indicator's row of the plan). Checked as the
 * evaluation checks assessed values: a number, not negative unless the indicator's scoring rule measures a
 * growth; and so that the table keeps it exactly (at most 4 decimals, below 10^15). Every problem at once,
 * each naming the indicator; a refused report records nothing. Then the values go to the monitoring table
 * under the task's id, and the numbered fields are cleared: the table is where they are kept.
 */
@Component("recordMonitoringValues")
public class RecordMonitoringValues implements TaskListener {

  private static final BigDecimal LIMIT = BigDecimal.TEN.pow(VALUE_MAX_DIGITS);

  private final MonitoringRecords records;

  public RecordMonitoringValues(MonitoringRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    String department = String.valueOf(task.getVariable(DEPARTMENT));
    FormErrors errors = FormErrors.of(task);
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    for (JsonNode row : JsonVariables.elements(task.getVariable(MONITORING_INDICATORS))) {
      if (!department.equals(row.path("department").asText())) {
        continue;
      }
      String unit = row.path("unit").asText("");
      String label = "“" + row.path("name").asText() + "”当前值";
      Object raw = task.getVariable(VALUE_PREFIX + row.path("slot").asInt());
      BigDecimal value = errors.indicatorValue(label, raw, unit,
          IndicatorScoring.allowsNegative(row.path("scoringRule").asText()));
      if (value == null) {
        continue;
      }
      if (value.stripTrailingZeros().scale() > VALUE_SCALE) {
        errors.require(false, label + "：最多保留" + VALUE_SCALE + "位小数（收到" + value.toPlainString() + "）");
        continue;
      }
      if (value.abs().compareTo(LIMIT) >= 0) {
        errors.require(false, label + "：数值过大（收到" + value.toPlainString() + unit + "）");
        continue;
      }
      values.put(row.path("code").asText(), value);
    }
    errors.throwIfAny();

    records.report(String.valueOf(task.getVariable(PILOT_KEY)),
        MonitoringSchedule.year(task.getVariable(PROGRAM_YEAR)), ((Number) task.getVariable(QUARTER)).intValue(),
        department, values, actor(task), task.getId());
    for (int slot = 1; slot <= SLOTS; slot++) {
      task.removeVariable(VALUE_PREFIX + slot);
    }
  }

  /** The official completing the task (REST, Tasklist), else its assignee. */
  private static String actor(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user != null && user.getUserId() != null ? user.getUserId() : task.getAssignee();
  }
}
