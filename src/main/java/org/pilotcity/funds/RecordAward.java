package org.pilotcity.funds;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pilotcity.forms.FormSlots;
import org.springframework.stereotype.Component;

/**
 * Records the pilot's award (核定奖励资金) in the ledger: the amount of the award table for its region and
 * funding level. Runs as a job: a retry of the same instance writes nothing again; an award the pilot
 * already has from another instance is refused by the ledger (the job fails and shows as an incident).
 */
@Component("recordAward")
public class RecordAward implements JavaDelegate {

  private final Ledger ledger;

  public RecordAward(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    BigDecimal amount = FormSlots.number(execution.getVariable("awardAmount"));
    if (amount == null) {
      throw new IllegalStateException("试点" + Money.pilotKey(execution) + "没有核定奖励金额（awardAmount）");
    }
    Ledger.Award award = ledger.grantAward(new Ledger.Award(Money.pilotKey(execution),
        text(execution, "applicantUnitCode"), text(execution, "applicantUnitName"), text(execution, "cityCode"),
        text(execution, "cityName"), ((Number) execution.getVariable("programYear")).intValue(),
        text(execution, "fundingLevel"), text(execution, "region"), amount.setScale(2),
        execution.getProcessInstanceId(), null));
    Money.fundFigures(execution, ledger, award.pilotKey());
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
