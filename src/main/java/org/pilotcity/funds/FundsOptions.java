package org.pilotcity.funds;

import java.util.List;
import java.util.Map;
import org.pilotcity.forms.Choices;

/**
 * Codes of the pilot term (试点期) and the clawback (追回奖励资金): what their forms offer, with the
 * Chinese labels used in messages, and the names of the variables their forms show.
 */
final class FundsOptions {

  static final String PILOT_TERM_KEY = "pilotTerm";
  static final String CLAWBACK_KEY = "clawback";

  /** The purposes the report form offers; whether a purpose is allowed is the table fundUsePurpose's. */
  static final Map<String, String> PURPOSES = Choices.of(
      "RISK_COMPENSATION", "信贷风险补偿",
      "COMPENSATORY_PAYMENT", "贷款代偿",
      "GUARANTEE_CAPITAL", "政府性融资担保机构资本补充");
  static final Map<String, String> REPORT_KINDS = Choices.of("USE", "报告一笔资金使用", "DONE", "本年度资金使用已全部报告");
  static final String USE = "USE";
  static final String DONE = "DONE";
  /** The city's declaration: does the beneficiary already get central support for the same thing? */
  static final Map<String, String> SUPPORT_DECLARATIONS = Choices.of("NO", "否", "YES", "是");
  static final Map<String, String> FINDINGS = Choices.of(
      Ledger.CONFIRMED, "核查无误", Ledger.DUPLICATE_SUPPORT, "存在重复支持");
  static final Map<String, String> REPAYMENT_DECISIONS = Choices.of("CONFIRM", "核实无误，已到账", "REJECT", "未到账或有误，退回城市");

  /** The fields of one reported use: kept for the bureau's check, then cleared for the next report. */
  static final List<String> FUND_USE_FIELDS = List.of("reportKind", "purpose", "beneficiaryName",
      "beneficiaryCreditCode", "amount", "usedOn", "duplicateSupport", "fundUseId", "finding", "checkNote");
  /** The fields of one payment form, cleared once the payment is recorded under its own names. */
  static final List<String> PAYMENT_FIELDS = List.of("paidOn", "amount", "documentNo");
  /** The fields of one repayment, cleared once the bureau has decided on it. */
  static final List<String> REPAYMENT_FIELDS = List.of("amount", "paidOn", "voucherNo", "repaymentDecision",
      "rejectionNote");

  static final int NAME_MAX = 200;
  static final int DOCUMENT_NO_MAX = 100;
  static final int NOTE_MAX = 2000;

  private FundsOptions() {}
}
