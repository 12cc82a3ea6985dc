package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.COMMENT_MAX;
import static org.pilotcity.evaluation.EvaluationOptions.CONFIRMATIONS;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The confirming department agrees with a team's assessment, or returns it with a comment the assessing
 * department sees on its form (退回意见).
 */
@Component("validateAreaConfirmation")
public class ValidateAreaConfirmation implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    EvaluationTeam team = EvaluationTeam.ofConfirmTask(task.getTaskDefinitionKey());
    FormErrors errors = FormErrors.of(task).choice(team.confirmationVariable(), "确认", CONFIRMATIONS);
    if ("RETURN".equals(task.getVariable(team.confirmationVariable()))) {
      errors.text(team.returnCommentVariable(), "退回意见", COMMENT_MAX);
    }
    errors.throwIfAny();
  }
}
