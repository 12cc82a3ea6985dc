package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks the record of a meeting: what each outcome needs, before the task completes. A held meeting
 * needs its date, attendees and minutes; its action items (up to five rows) each need what is to be done,
 * a member department that owns it and a due day not before the meeting.
 */
@Component("validateMeetingRecord")
public class ValidateMeetingRecord implements TaskListener {

  private final Map<String, String> owners;

  @Autowired
  public ValidateMeetingRecord(Organization organization) {
    this.owners = MeetingOptions.members(organization);
  }

  /** With the organization of the data files (model tests). */
  public ValidateMeetingRecord() {
    this(new Organization());
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("meetingOutcome", "会议结果", MeetingOptions.OUTCOMES);
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    Object outcome = task.getVariable("meetingOutcome");
    if (MeetingOptions.HELD.equals(outcome)) {
      LocalDate held = errors.date("meetingDate", "实际召开日期");
      if (held != null) {
        errors.require(!held.isAfter(today), "实际召开日期：不能晚于今天（" + today + "）");
      }
      errors.text("attendees", "参会人员", MeetingOptions.ATTENDEES_MAX)
          .text("minutes", "会议纪要", MeetingOptions.MINUTES_MAX)
          .optionalText("decisions", "议定事项", MeetingOptions.DECISIONS_MAX);
      ActionItems.read(task, errors, owners, held);
    } else if ("POSTPONED".equals(outcome)) {
      LocalDate next = errors.date("newPlannedDate", "新的召开日期");
      if (next != null) {
        errors.require(!next.isBefore(today), "新的召开日期：不能早于今天（" + today + "）");
      }
    } else if ("CANCELLED".equals(outcome)) {
      errors.text("cancellationReason", "取消原因", MeetingOptions.REASON_MAX);
    }
    errors.throwIfAny();
  }
}
