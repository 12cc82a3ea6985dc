package org.pilotcity.funds;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.springframework.stereotype.Component;

/**
 * Opens the recovery of the award (下达追回通知): everything the city received is due within the days of
 * the table recoveryLeadTime, counted from today in Beijing (engine clock). The ledger keeps one clawback
 * per pilot — a retried job gets the same record back, with the due date first set. The notice's figures
 * go to the forms: {@code amountDue}, {@code clawbackBalance} (yuan) and {@code repaymentDue} ("2028-07-29").
 */
@Component("openClawback")
public class OpenClawback implements JavaDelegate {

  private final Ledger ledger;

  public OpenClawback(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object days = execution.getVariable("repaymentDays");
    if (!(days instanceof Number number) || number.intValue() < 0) {
      throw new IllegalStateException("追回资金缴回期限（recoveryLeadTime）没有给出天数（收到" + days + "）");
    }
    String pilotKey = Money.pilotKey(execution);
    LocalDate due = Deadlines.today(ClockUtil.getCurrentTime()).plusDays(number.longValue());
    Ledger.Clawback clawback = ledger.openClawback(pilotKey, due, execution.getProcessInstanceId());
    BigDecimal balance = ledger.clawbackBalance(pilotKey);
    execution.setVariable("repaymentDue", clawback.dueDate().toString());
    execution.setVariable("amountDue", Money.figure(clawback.amountDue()));
    execution.setVariable("clawbackBalance", Money.figure(balance));
  }
}
