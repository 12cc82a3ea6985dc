package org.pilotcity.meetings;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * A regular meeting is started by the meeting calendar with its unit, period, proposed topic and the day by
 * which provincial finance convenes it. The same message could be sent through REST: what the convening
 * task needs is checked here, before the instance exists.
 */
@Component("validateRegularMeetingStart")
public class ValidateRegularMeetingStart implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    FormErrors errors = FormErrors.of(execution)
        .require(execution.getTenantId() != null, "申报单位：定期联席会议必须属于一个申报单位（applicantUnitCode）")
        .require(MeetingOptions.REGULAR.equals(execution.getVariable(ValidateMeetingRequest.KIND)),
            "会议类型：由联席会议日程发起的会议为定期会议（REGULAR）")
        .text("meetingTopic", "会议议题", MeetingOptions.TOPIC_MAX)
        .text(MeetingPeriods.PERIOD_NAME, "会议周期名称", MeetingOptions.TOPIC_MAX);
    LocalDate period = errors.date(MeetingPeriods.PERIOD, "会议周期首日");
    LocalDate due = errors.date(MeetingPeriods.CONVENE_DUE, "筹备期限");
    if (period != null && due != null) {
      errors.require(!due.isBefore(period), "筹备期限：不能早于会议周期首日（" + period + "）");
    }
    errors.throwIfAny();
  }
}
