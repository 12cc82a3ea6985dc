package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.Department;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/** Checks a convened joint meeting (start form or REST) before the instance exists. */
@Component("validateMeetingRequest")
public class ValidateMeetingRequest implements ExecutionListener {

  private final Set<String> invitableDepartments;

  public ValidateMeetingRequest(Organization organization) {
    this.invitableDepartments = organization.departments().stream()
        .filter(d -> d.scope() == Department.Scope.UNIT || d.scope() == Department.Scope.CITY)
        .map(Department::id)
        .collect(Collectors.toSet());
  }

  @Override
  public void notify(DelegateExecution execution) {
    FormErrors errors = FormErrors.of(execution)
        .require(execution.getTenantId() != null,
            "申报单位：联席会议必须属于一个申报单位，请由本单位部门的用户发起，或填写 applicantUnitCode")
        .text("meetingTopic", "会议议题", MeetingOptions.TOPIC_MAX)
        .choice("meetingKind", "会议类型", MeetingOptions.KINDS)
        .text("agenda", "会议议程", MeetingOptions.AGENDA_MAX)
        .selection("invitedDepartments", "参会部门", invitableDepartments);
    LocalDate planned = errors.date("plannedDate", "计划召开日期");
    if (planned != null) {
      errors.require(!planned.isBefore(Deadlines.today(ClockUtil.getCurrentTime())),
          "计划召开日期：不能早于今天（" + Deadlines.today(ClockUtil.getCurrentTime()) + "）");
    }
    errors.throwIfAny();
  }
}
