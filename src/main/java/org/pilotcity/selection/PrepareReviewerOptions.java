package org.pilotcity.selection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * When 制定评审方案 opens: the members of the review panel (group {@code reviewPanel}) who belong to this
 * applicant unit (tenant) become the options of the form's reviewer checklist, as process variable
 * {@code reviewerOptions} = [{label: "王建国（辽宁省财政厅）", value: userId}].
 */
@Component("prepareReviewerOptions")
public class PrepareReviewerOptions implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    String unit = task.getTenantId();
    List<User> reviewers = unit == null ? List.of() : AsProgram.call(() -> identity.createUserQuery()
        .memberOfGroup(SelectionVariables.REVIEW_GROUP).memberOfTenant(unit).orderByUserId().asc().list());
    ArrayNode options = JsonVariables.array();
    for (User user : reviewers) {
      options.addObject().put("label", label(user)).put("value", user.getId());
    }
    task.getExecution().setVariable(SelectionVariables.REVIEWER_OPTIONS, JsonVariables.json(options));
  }

  static String label(User user) {
    String name = blank(user.getFirstName()) ? user.getId() : user.getFirstName();
    return blank(user.getLastName()) ? name : name + "（" + user.getLastName() + "）";
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
