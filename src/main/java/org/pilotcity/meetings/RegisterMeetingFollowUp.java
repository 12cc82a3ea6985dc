package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * After a meeting is held: records its action items as one list ({@code actionItems}, JSON rows of number,
 * text, owner, ownerName, due; {@code actionItemCount}) for the follow-up, one task per item, and the member
 * departments that read the minutes ({@code circulationDepartments}). Runs in the transaction of the
 * record's completion, whose listener has checked the rows.
 */
@Component("registerMeetingFollowUp")
public class RegisterMeetingFollowUp implements JavaDelegate {

  static final String CIRCULATION = "circulationDepartments";

  private final Map<String, String> owners;

  public RegisterMeetingFollowUp(Organization organization) {
    this.owners = MeetingOptions.members(organization);
  }

  @Override
  public void execute(DelegateExecution execution) {
    FormErrors errors = FormErrors.of(execution);
    LocalDate held = errors.date("meetingDate", "实际召开日期");
    List<ActionItems.Item> items = ActionItems.read(execution, errors, owners, held);
    errors.throwIfAny();
    execution.setVariable(ActionItems.LIST, ActionItems.asVariable(items));
    execution.setVariable(ActionItems.COUNT, items.size());
    execution.setVariable(CIRCULATION, Variables.objectValue(new ArrayList<>(MeetingOptions.MEMBERS))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
  }
}
