package org.pilotcity.selection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 报送财政部并抄送当地监管局: records when the list went to the ministry ({@code submittedAt}, an ISO
 * instant) and that the ministry's local supervision bureau has it too ({@code copiedToLocalBureau}; the
 * bureau reads the instance and its history in its own unit).
 */
@Component("recordSubmission")
public class RecordSubmission implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(SelectionVariables.SUBMITTED_AT, ClockUtil.getCurrentTime().toInstant().toString());
    execution.setVariable(SelectionVariables.COPIED_TO_LOCAL_BUREAU, true);
  }
}
