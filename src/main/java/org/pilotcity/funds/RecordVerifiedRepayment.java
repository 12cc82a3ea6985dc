package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.NOTE_MAX;
import static org.pilotcity.funds.FundsOptions.REPAYMENT_DECISIONS;
import static org.pilotcity.funds.FundsOptions.REPAYMENT_FIELDS;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The local bureau's verification of a repayment (核实缴回款项). Confirmed: the ledger records it under the
 * task's id and the balance falls. Rejected (not arrived, wrong amount): a reason is required, nothing is
 * recorded and the city sees the reason on its next entry. Either way {@code clawbackBalance} is up to date
 * for the gateway and the entry's fields are cleared.
 */
@Component("recordVerifiedRepayment")
public class RecordVerifiedRepayment implements TaskListener {

  private final Ledger ledger;

  public RecordVerifiedRepayment(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("repaymentDecision", "核实结论", REPAYMENT_DECISIONS);
    boolean confirmed = "CONFIRM".equals(task.getVariable("repaymentDecision"));
    if ("REJECT".equals(task.getVariable("repaymentDecision"))) {
      errors.text("rejectionNote", "退回原因", NOTE_MAX);
    }
    BigDecimal amount = Money.amount(errors, task.getVariable("amount"), "缴回金额");
    LocalDate paidOn = errors.date("paidOn", "缴款日期");
    errors.throwIfAny();

    String pilotKey = Money.pilotKey(task);
    if (confirmed) {
      ledger.recordRepayment(pilotKey, amount, paidOn, Money.actor(task), task.getId());
      task.removeVariable("lastRejectionNote");
    } else {
      task.setVariable("lastRejectionNote", String.format("%s于%s缴款（凭证号%s）：%s", Money.yuan(amount), paidOn,
          task.getVariable("voucherNo"), task.getVariable("rejectionNote").toString().trim()));
    }
    task.setVariable("clawbackBalance", Money.figure(ledger.clawbackBalance(pilotKey)));
    Money.remove(task, REPAYMENT_FIELDS);
  }
}
