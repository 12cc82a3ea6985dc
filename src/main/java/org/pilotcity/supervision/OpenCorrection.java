package org.pilotcity.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pilotcity.forms.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * Starts one correction (整改) of the parallel corrections: row {@code loopCounter} of {@code corrections}
 * becomes this correction's own {@code correctionNo}, {@code correctionItem} and {@code correctionDue}, and
 * the fields its forms fill in are created empty in its scope, so that each correction's report, verdict
 * and due date stay its own.
 */
@Component("openCorrection")
public class OpenCorrection implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    int index = ((Number) execution.getVariable("loopCounter")).intValue();
    List<JsonNode> corrections = JsonVariables.elements(execution.getVariable("corrections"));
    if (index >= corrections.size()) {
      throw new IllegalStateException("整改事项第" + (index + 1) + "项不存在（corrections 共" + corrections.size() + "项）");
    }
    JsonNode correction = corrections.get(index);
    execution.setVariableLocal("correctionNo", correction.path("no").asInt(index + 1));
    execution.setVariableLocal("correctionItem", JsonVariables.text(correction, "item"));
    execution.setVariableLocal("correctionDue", JsonVariables.text(correction, "due"));
    SupervisionOptions.CORRECTION_FIELDS.forEach(field -> execution.setVariableLocal(field, null));
  }
}
