package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.DOCUMENT_NO_MAX;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The city's entry of a repayment (缴回奖励资金): an amount above 0 and not above what is still to be
 * repaid (partial repayments are fine), a payment date not in the future and the voucher number. Nothing
 * is recorded yet: the local bureau verifies the money arrived first.
 */
@Component("checkRepayment")
public class CheckRepayment implements TaskListener {

  private final Ledger ledger;

  public CheckRepayment(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task);
    BigDecimal amount = Money.amount(errors, task.getVariable("amount"), "本次缴回金额");
    if (amount != null) {
      BigDecimal balance = ledger.clawbackBalance(Money.pilotKey(task));
      errors.require(amount.compareTo(balance) <= 0, String.format(
          "本次缴回金额：%s超过尚未缴回的余额%s", Money.yuan(amount), Money.yuan(balance)));
    }
    Money.pastDay(errors, "paidOn", "缴款日期");
    errors.text("voucherNo", "缴款凭证号", DOCUMENT_NO_MAX);
    errors.throwIfAny();
  }
}
