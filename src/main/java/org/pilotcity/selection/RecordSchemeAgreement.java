package org.pilotcity.selection;

import static org.pilotcity.selection.SelectionVariables.AGREEMENT_COMMENT;
import static org.pilotcity.selection.SelectionVariables.AGREEMENT_DECISION;
import static org.pilotcity.selection.SelectionVariables.COSIGNER;
import static org.pilotcity.selection.SelectionVariables.SCHEME_AGREEMENTS;
import static org.pilotcity.selection.SelectionVariables.SCHEME_RETURNED;
import static org.pilotcity.selection.SelectionVariables.SCHEME_RETURN_COMMENTS;
import static org.pilotcity.selection.SelectionVariables.SCHEME_ROUND;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.Department;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * Checks and records one department's answer on the scheme (会签评审方案). A return needs comments. Every
 * answer of every round is appended to {@code schemeAgreements} = [{round, department, departmentName,
 * decision, comment, userId, at}]. A return sets {@code schemeReturned} and adds the department's
 * comments to {@code schemeReturnComments}, which the next draft shows.
 */
@Component("recordSchemeAgreement")
public class RecordSchemeAgreement implements TaskListener {

  static final String AGREE = "AGREE";
  static final String RETURN = "RETURN";
  static final Map<String, String> DECISIONS = new LinkedHashMap<>();

  static {
    DECISIONS.put(AGREE, "同意");
    DECISIONS.put(RETURN, "退回修改");
  }

  private final Organization organization;

  public RecordSchemeAgreement(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice(AGREEMENT_DECISION, "会签意见", DECISIONS);
    Object decision = task.getVariable(AGREEMENT_DECISION);
    if (RETURN.equals(decision)) {
      errors.text(AGREEMENT_COMMENT, "退回修改意见", SelectionVariables.TEXT_MAX);
    } else {
      errors.optionalText(AGREEMENT_COMMENT, "会签说明", SelectionVariables.TEXT_MAX);
    }
    errors.throwIfAny();

    String department = String.valueOf(task.getVariable(COSIGNER));
    String departmentName = organization.department(department).map(Department::nameZh).orElse(department);
    Object commentValue = task.getVariable(AGREEMENT_COMMENT);
    String comment = commentValue == null || commentValue.toString().isBlank() ? null : commentValue.toString().trim();

    ArrayNode agreements = JsonVariables.arrayOf(task.getVariable(SCHEME_AGREEMENTS));
    agreements.addObject()
        .put("round", task.getVariable(SCHEME_ROUND) instanceof Number n ? n.intValue() : 1)
        .put("department", department)
        .put("departmentName", departmentName)
        .put("decision", decision.toString())
        .put("comment", comment)
        .put("userId", Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId())
        .put("at", ClockUtil.getCurrentTime().toInstant().toString());
    task.setVariable(SCHEME_AGREEMENTS, JsonVariables.json(agreements));

    if (RETURN.equals(decision)) {
      Object earlier = task.getVariable(SCHEME_RETURN_COMMENTS);
      String line = "【" + departmentName + "】" + comment;
      task.setVariable(SCHEME_RETURNED, true);
      task.setVariable(SCHEME_RETURN_COMMENTS,
          earlier == null || earlier.toString().isBlank() ? line : earlier + "\n" + line);
    }
  }
}
