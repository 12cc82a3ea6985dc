package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.FINDINGS;
import static org.pilotcity.funds.FundsOptions.FUND_USE_FIELDS;
import static org.pilotcity.funds.FundsOptions.NOTE_MAX;
import static org.pilotcity.funds.FundsOptions.PURPOSES;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;
import org.springframework.stereotype.Component;

/**
 * The local bureau's check of one reported use (核查资金使用): confirmed, or duplicate support with a note
 * saying what the beneficiary already gets. Written to the ledger under the task's id; the city sees the
 * finding on its next report form, and the use's fields are cleared for that report.
 */
@Component("recordFundUseCheck")
public class RecordFundUseCheck implements TaskListener {

  private final Ledger ledger;

  public RecordFundUseCheck(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("finding", "核查结论", FINDINGS)
        .optionalText("checkNote", "核查说明", NOTE_MAX);
    String finding = (String) task.getVariable("finding");
    if (Ledger.DUPLICATE_SUPPORT.equals(finding)) {
      errors.text("checkNote", "核查说明（存在重复支持时必填）", NOTE_MAX);
    }
    errors.throwIfAny();
    Object useId = task.getVariable("fundUseId");
    if (!(useId instanceof Number id)) {
      throw new IllegalStateException("没有待核查的资金使用（fundUseId）");
    }
    Object note = task.getVariable("checkNote");
    String noteText = note == null || note.toString().isBlank() ? null : note.toString().trim();
    ledger.recordFundUseCheck(id.longValue(), finding, noteText, Money.actor(task), task.getId());

    Object purpose = task.getVariable("purpose");
    task.setVariable("lastFundUseCheck", String.format("%s：%s，%s，%s%s", FINDINGS.get(finding),
        PURPOSES.getOrDefault(String.valueOf(purpose), String.valueOf(purpose)), task.getVariable("beneficiaryName"),
        Money.yuan(FormSlots.number(task.getVariable("amount"))),
        noteText == null ? "" : "。核查说明：" + noteText));
    Money.remove(task, FUND_USE_FIELDS);
  }
}
