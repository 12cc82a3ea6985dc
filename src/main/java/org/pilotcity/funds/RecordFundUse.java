package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.DONE;
import static org.pilotcity.funds.FundsOptions.FUND_USE_FIELDS;
import static org.pilotcity.funds.FundsOptions.NAME_MAX;
import static org.pilotcity.funds.FundsOptions.PURPOSES;
import static org.pilotcity.funds.FundsOptions.REPORT_KINDS;
import static org.pilotcity.funds.FundsOptions.SUPPORT_DECLARATIONS;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.rules.RuleDecisions;
import org.springframework.stereotype.Component;

/**
 * The city's report of one use of the award (报告奖励资金使用), or that the year's uses are all reported.
 * A use is checked in full before anything is written: the purpose against the table fundUsePurpose (a
 * purpose it does not allow is refused with the table's reason), the beneficiary's unified social credit
 * code, the amount against the funds the city has received and not yet used, a date not in the future, and
 * the declaration that the beneficiary does not already get 小微企业融资担保降费奖补 or 中小企业信用担保代偿补偿
 * support for the same thing (不得对同一主体重复安排资金支持). Then the ledger records it under the task's id
 * and the bureau checks it ({@code fundUseId}).
 */
@Component("recordFundUse")
public class RecordFundUse implements TaskListener {

  private final Ledger ledger;

  public RecordFundUse(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task).choice("reportKind", "报告内容", REPORT_KINDS);
    if (DONE.equals(task.getVariable("reportKind"))) {
      errors.throwIfAny();
      // whatever else arrived with "all reported" is not a use
      FUND_USE_FIELDS.stream().filter(name -> !"reportKind".equals(name)).forEach(task::removeVariable);
      return;
    }
    if (!FundsOptions.USE.equals(task.getVariable("reportKind"))) {
      errors.throwIfAny();
    }
    String pilotKey = Money.pilotKey(task);
    String purpose = purpose(errors, task);
    errors.text("beneficiaryName", "受益主体名称", NAME_MAX);
    Object code = task.getVariable("beneficiaryCreditCode");
    String codeText = code == null ? null : code.toString().trim();
    String codeProblem = CreditCode.problem(codeText);
    errors.require(codeProblem == null, "受益主体统一社会信用代码：" + codeProblem);
    BigDecimal amount = Money.amount(errors, task.getVariable("amount"), "使用金额");
    if (amount != null) {
      BigDecimal received = ledger.receivedByCity(pilotKey);
      BigDecimal available = received.subtract(ledger.usedFunds(pilotKey));
      errors.require(amount.compareTo(available) <= 0, String.format(
          "使用金额：%s超过尚未使用的奖励资金%s（城市已收到%s），累计使用不得超过已收到的奖励资金",
          Money.yuan(amount), Money.yuan(available), Money.yuan(received)));
    }
    LocalDate usedOn = Money.pastDay(errors, "usedOn", "使用日期");
    errors.choice("duplicateSupport", "是否已就同一事项享受小微企业融资担保降费奖补或中小企业信用担保代偿补偿资金支持",
        SUPPORT_DECLARATIONS);
    errors.require(!"YES".equals(task.getVariable("duplicateSupport")),
        "不得对同一主体重复安排资金支持：该受益主体已就同一事项享受小微企业融资担保降费奖补或中小企业信用担保代偿补偿资金支持，"
            + "不能再使用本奖励资金");
    errors.throwIfAny();

    Ledger.FundUse use = ledger.recordFundUse(new Ledger.FundUse(null, pilotKey, purpose,
        task.getVariable("beneficiaryName").toString().trim(), codeText, amount, usedOn, task.getId(),
        Money.actor(task), null));
    task.setVariable("fundUseId", use.id());
    task.setVariable("beneficiaryCreditCode", codeText);
    Money.fundFigures(task, ledger, pilotKey);
  }

  /** The purpose, if the table allows it; a refusal names the purpose and gives the table's reason. */
  private static String purpose(FormErrors errors, DelegateTask task) {
    Object value = task.getVariable("purpose");
    if (value == null || value.toString().isBlank()) {
      errors.require(false, "用途：必须选择");
      return null;
    }
    String purpose = value.toString().trim();
    DmnDecisionResultEntries rule = AsProgram.call(() -> task.getProcessEngineServices().getDecisionService()
        .evaluateDecisionByKey(RuleDecisions.FUND_USE_PURPOSE)
        .variables(Variables.putValue(RuleDecisions.PURPOSE, purpose)).evaluate().getSingleResult());
    boolean allowed = Boolean.TRUE.equals(rule.getEntry(RuleDecisions.ALLOWED));
    errors.require(allowed, String.format("用途：“%s”不是奖励资金允许的用途（%s）",
        PURPOSES.getOrDefault(purpose, purpose), rule.getEntry(RuleDecisions.REASON)));
    return purpose;
  }
}
