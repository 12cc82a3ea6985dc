package org.pilotcity.supervision;

import static org.pilotcity.supervision.SupervisionOptions.ACCEPTED;
import static org.pilotcity.supervision.SupervisionOptions.NOTE_MAX;
import static org.pilotcity.supervision.SupervisionOptions.REJECTED;
import static org.pilotcity.supervision.SupervisionOptions.VERDICTS;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The supervisor's verification of a correction (核实整改). Accepted ends the correction. Rejected needs the
 * reason, which the city sees on its next form, and keeps the due day unless a new one (after today) is
 * given — a due day that has passed must be replaced. The verdict is kept as {@code correctionAccepted};
 * the verdict fields are emptied so the next verification starts blank.
 */
@Component("recordCorrectionVerification")
public class RecordCorrectionVerification implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("correctionVerdict", "核实结论", VERDICTS);
    Object verdict = task.getVariable("correctionVerdict");
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    boolean newDueGiven = !blank(task.getVariable("newCorrectionDue"));
    LocalDate newDue = null;
    if (REJECTED.equals(verdict)) {
      errors.text("verificationNote", "退回原因（整改不到位时必填）", NOTE_MAX);
      if (newDueGiven) {
        newDue = errors.date("newCorrectionDue", "新的整改期限");
        if (newDue != null && !newDue.isAfter(today)) {
          errors.require(false, String.format("新的整改期限：%s须晚于今天（%s）", newDue, today));
        }
      } else {
        LocalDate due = Deadlines.toLocalDate(task.getVariable("correctionDue"));
        errors.require(!due.isBefore(today),
            String.format("新的整改期限：原整改期限%s已过，退回时须给出新的整改期限（晚于今天）", due));
      }
    } else if (ACCEPTED.equals(verdict)) {
      errors.optionalText("verificationNote", "核实说明", NOTE_MAX)
          .require(!newDueGiven, "新的整改期限：整改到位时不填写新的整改期限");
    }
    errors.throwIfAny();

    boolean accepted = ACCEPTED.equals(verdict);
    task.setVariable("correctionAccepted", accepted);
    if (!accepted) {
      if (newDue != null) {
        task.setVariable("correctionDue", newDue.toString());
      }
      task.setVariable("lastRejectionNote", String.format("%s退回：%s", today, task.getVariable("verificationNote")
          .toString().trim()));
      task.setVariable("correctionVerdict", null);
      task.setVariable("verificationNote", null);
      task.setVariable("newCorrectionDue", null);
    }
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
