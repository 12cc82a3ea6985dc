package org.pilotcity.funds;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.rules.RuleDecisions;
import org.springframework.stereotype.Component;

/**
 * After the year's calendar (programCalendar) is looked up: keeps the evaluation deadline of the year's
 * work as {@code evaluationDue} ("2028-03-31", the way forms and the other processes keep days) and drops
 * the table row itself, whose dates would not survive being stored as a variable.
 */
@Component("recordPilotCalendar")
public class RecordPilotCalendar implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Object row = execution.getVariable("calendar");
    if (!(row instanceof Map<?, ?> calendar) || calendar.get(RuleDecisions.EVALUATION_DUE) == null) {
      throw new IllegalStateException("年度工作时间表（programCalendar）没有给出绩效评价截止日（evaluationDue）");
    }
    execution.setVariable(RuleDecisions.EVALUATION_DUE,
        Deadlines.tableDay(calendar.get(RuleDecisions.EVALUATION_DUE)).toString());
    execution.removeVariable("calendar");
  }
}
