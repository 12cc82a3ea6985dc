package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.Department;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Checks a convened joint meeting — topic, kind, agenda, invited departments, planned date — by the same
 * rules wherever it is convened: on the ad hoc start (start form or REST, before the instance exists) and
 * when provincial finance prepares a regular meeting (task {@code conveneRegularMeeting}, before it
 * completes). A start that names no kind is an ad hoc meeting: regular ones come from the meeting calendar.
 */
@Component("validateMeetingRequest")
public class ValidateMeetingRequest implements ExecutionListener, TaskListener {

  static final String KIND = "meetingKind";

  private final Set<String> invitableDepartments;

  public ValidateMeetingRequest(Organization organization) {
    this.invitableDepartments = organization.departments().stream()
        .filter(d -> d.scope() == Department.Scope.UNIT || d.scope() == Department.Scope.CITY)
        .map(Department::id)
        .collect(Collectors.toSet());
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(KIND) == null) {
      execution.setVariable(KIND, MeetingOptions.AD_HOC);
    }
    check(execution, execution.getTenantId());
  }

  @Override
  public void notify(DelegateTask task) {
    check(task, task.getTenantId());
  }

  private void check(VariableScope scope, String tenantId) {
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    FormErrors errors = FormErrors.of(scope)
        // the members of a joint meeting are one unit's departments; the ministry has none of them in its tenant
        .require(tenantId != null && !Organization.MINISTRY_TENANT.equals(tenantId),
            "申报单位：联席会议必须属于一个申报单位，请由本单位部门的用户发起，或填写 applicantUnitCode")
        .text("meetingTopic", "会议议题", MeetingOptions.TOPIC_MAX)
        .choice(KIND, "会议类型", MeetingOptions.KINDS)
        .text("agenda", "会议议程", MeetingOptions.AGENDA_MAX)
        .selection("invitedDepartments", "参会部门", invitableDepartments);
    LocalDate planned = errors.date("plannedDate", "计划召开日期");
    if (planned != null) {
      errors.require(!planned.isBefore(today), "计划召开日期：不能早于今天（" + today + "）");
    }
    errors.throwIfAny();
  }
}
