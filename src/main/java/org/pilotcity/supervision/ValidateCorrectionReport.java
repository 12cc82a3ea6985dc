package org.pilotcity.supervision;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/** The city's report on a correction (整改): what it corrected, and on which day (not in the future). */
@Component("validateCorrectionReport")
public class ValidateCorrectionReport implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).text("correctionReport", "整改情况", SupervisionOptions.REPORT_MAX);
    LocalDate correctedOn = errors.date("correctedOn", "整改完成日期");
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    if (correctedOn != null) {
      errors.require(!correctedOn.isAfter(today),
          String.format("整改完成日期：%s晚于今天（%s），只能报告已完成的整改", correctedOn, today));
    }
    errors.throwIfAny();
  }
}
