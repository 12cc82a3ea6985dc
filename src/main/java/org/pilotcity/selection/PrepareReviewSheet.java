package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.APPLICATIONS;
import static org.pilotcity.selection.SelectionVariables.REVIEW_SHEET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormSlots;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * When a reviewer's 竞争性评审打分 opens: the reviewer's own score sheet ({@code reviewSheet}: one row per
 * application in the competition, for the form's table and labels) and the answer fields {@code score_n}
 * (null) and {@code conflict_n} (false), all local variables of that reviewer's instance of the
 * multi-instance task, so that parallel reviewers never overwrite each other — whether the answer comes
 * from Tasklist ({@code submit-form}, written to the task) or REST ({@code complete}, written to the
 * task's execution). {@link RecordReviewScores} checks what comes back.
 */
@Component("prepareReviewSheet")
public class PrepareReviewSheet implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    ArrayNode sheet = JsonVariables.array();
    for (JsonNode application : JsonVariables.elements(task.getVariable(APPLICATIONS))) {
      sheet.addObject()
          .put("cityCode", JsonVariables.text(application, "cityCode"))
          .put("cityName", JsonVariables.text(application, "cityName"))
          .put("applicantType", JsonVariables.text(application, "applicantType"))
          .put("planSummary", JsonVariables.text(application, "planSummary"))
          .put("exceptionJustification", JsonVariables.text(application, "exceptionJustification"))
          .putNull("score")
          .put("conflictOfInterest", false);
    }
    task.getExecution().setVariableLocal(REVIEW_SHEET, JsonVariables.json(sheet));
    for (int index = 0; index < sheet.size(); index++) {
      task.getExecution().setVariableLocal(FormSlots.name(FormSlots.SCORE, index), null);
      task.getExecution().setVariableLocal(FormSlots.name(FormSlots.CONFLICT, index), false);
    }
  }
}
