package org.pilotcity.evaluation;

import static org.pilotcity.evaluation.EvaluationOptions.PILOT_KEY;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Award;
import org.pilotcity.funds.Ledger.FundUse;
import org.pilotcity.funds.Ledger.FundUseCheck;
import org.springframework.stereotype.Component;
import org.pilotcity.forms.JsonVariables;

/**
 * What the local bureau reviews (资金使用合规性核查), read from the ledger when the task is created: one
 * row per reported use of the award ({@code fundUseRows}: date, purpose, beneficiary, credit code, amount,
 * the bureau's check of that use) and a summary ({@code fundUseSummaryText}: award, received, used, unused,
 * checks).
 */
@Component("prepareFundComplianceReview")
public class PrepareFundComplianceReview implements TaskListener {

  private final Ledger ledger;

  public PrepareFundComplianceReview(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    String pilotKey = (String) task.getVariable(PILOT_KEY);
    Map<Long, FundUseCheck> checks = ledger.fundUseChecks(pilotKey).stream()
        .collect(Collectors.toMap(FundUseCheck::fundUseId, Function.identity(), (a, b) -> b));
    ArrayNode rows = JsonVariables.array();
    int checked = 0;
    int duplicates = 0;
    for (FundUse use : ledger.fundUses(pilotKey)) {
      ObjectNode row = rows.addObject();
      row.put("usedOn", use.usedOn().toString());
      row.put("purpose", use.purpose());
      row.put("purposeName", Ledger.PURPOSE_NAMES.getOrDefault(use.purpose(), use.purpose()));
      row.put("beneficiaryName", use.beneficiaryName());
      row.put("beneficiaryCreditCode", use.beneficiaryCreditCode());
      JsonVariables.put(row, "amount", use.amount());
      row.put("amountText", yuan(use.amount()));
      FundUseCheck check = checks.get(use.id());
      if (check == null) {
        row.put("checkText", "尚未核查");
      } else {
        checked++;
        boolean duplicate = Ledger.DUPLICATE_SUPPORT.equals(check.finding());
        duplicates += duplicate ? 1 : 0;
        row.put("checkText", (duplicate ? "存在重复支持" : "核查无误")
            + (check.note() == null || check.note().isBlank() ? "" : "：" + check.note()));
      }
    }
    task.setVariable("fundUseRows", JsonVariables.json(rows));
    task.setVariable("fundUseSummaryText", summary(pilotKey, rows.size(), checked, duplicates));
  }

  private String summary(String pilotKey, int uses, int checked, int duplicates) {
    Optional<Award> award = ledger.award(pilotKey);
    if (award.isEmpty()) {
      return "资金台账中没有试点" + pilotKey + "的奖励资金记录。";
    }
    BigDecimal received = ledger.receivedByCity(pilotKey);
    BigDecimal used = ledger.usedFunds(pilotKey);
    return "核定奖励资金" + yuan(award.get().amount()) + "元；城市已收到" + yuan(received) + "元；已报告使用" + uses + "笔，共"
        + yuan(used) + "元，尚未使用" + yuan(received.subtract(used)) + "元。逐笔核查：已核查" + checked + "笔（其中存在重复支持"
        + duplicates + "笔），尚未核查" + (uses - checked) + "笔。";
  }

  private static String yuan(BigDecimal amount) {
    return String.format("%,.2f", amount);
  }
}
