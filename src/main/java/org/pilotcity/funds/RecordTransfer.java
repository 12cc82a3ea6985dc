package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.DOCUMENT_NO_MAX;
import static org.pilotcity.funds.FundsOptions.PAYMENT_FIELDS;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;

/**
 * A payment of the award along its way (财政部 → 省级财政 → 试点城市): the form's date, amount and
 * document number, checked, then written to the ledger under the task's id. The award is paid in full and
 * once per leg, so the amount must be the award's. The recorded payment is kept under the leg's own names
 * ({@code ministryPaidOn}, …) and the form's fields are emptied for the next payment form.
 */
abstract class RecordTransfer implements TaskListener {

  private final Ledger ledger;
  private final Ledger.TransferLeg leg;
  private final String prefix;
  private final String what;

  RecordTransfer(Ledger ledger, Ledger.TransferLeg leg, String prefix, String what) {
    this.ledger = ledger;
    this.leg = leg;
    this.prefix = prefix;
    this.what = what;
  }

  @Override
  public void notify(DelegateTask task) {
    String pilotKey = Money.pilotKey(task);
    Ledger.Award award = ledger.award(pilotKey).orElseThrow(() -> new LedgerRefusal(
        "试点" + pilotKey + "尚未核定奖励资金，不能登记" + what, "no award for " + pilotKey));
    FormErrors errors = FormErrors.of(task);
    LocalDate paidOn = Money.pastDay(errors, "paidOn", what + "日期");
    BigDecimal amount = Money.amount(errors, task.getVariable("amount"), what + "金额");
    errors.text("documentNo", what + "文号", DOCUMENT_NO_MAX);
    if (amount != null) {
      errors.require(amount.compareTo(award.amount()) == 0, String.format(
          "%s金额：须与核定的奖励资金%s一致（收到%s），奖励资金一次性全额拨付", what, Money.yuan(award.amount()),
          Money.yuan(amount)));
    }
    checkOrder(errors, pilotKey, paidOn);
    errors.throwIfAny();

    Ledger.Transfer transfer = ledger.recordTransfer(pilotKey, leg, amount, paidOn,
        task.getVariable("documentNo").toString().trim(), task.getId(), Money.actor(task));
    task.setVariable(prefix + "PaidOn", transfer.paidOn().toString());
    task.setVariable(prefix + "Amount", Money.figure(transfer.amount()));
    task.setVariable(prefix + "DocumentNo", transfer.documentNo());
    Money.remove(task, PAYMENT_FIELDS);
    Money.fundFigures(task, ledger, pilotKey);
  }

  /** What the leg's date must respect besides not lying in the future. */
  void checkOrder(FormErrors errors, String pilotKey, LocalDate paidOn) {}

  Ledger ledger() {
    return ledger;
  }
}
