package org.pilotcity.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Award;
import org.pilotcity.funds.Ledger.FundUse;
import org.pilotcity.funds.Ledger.TransferLeg;
import org.pilotcity.support.RunningApplication;

/**
 * The public results (向社会公开) in the running application: open without login, only published rows, a
 * correction as a new row beside the original, and nothing private (beneficiaries, credit codes, users,
 * process ids) — as a page, CSV and JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicResultsTest {

  static final String SHENYANG = "2027-CENTRAL-210100";
  static final String DALIAN_UNPUBLISHED = "2027-CENTRAL-210200";
  static final String XIAN = "2027-CENTRAL-610100";
  static final String BENEFICIARY = "沈阳市中小企业融资担保有限公司";
  static final String CREDIT_CODE = "91110000600037341L";

  RunningApplication app;

  @BeforeAll
  void startWithThreePilots() {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:public-results;DB_CLOSE_DELAY=-1"));
    Ledger ledger = app.bean(Ledger.class);
    pilot(ledger, SHENYANG, "210000", "辽宁省", "210100", "沈阳市", "30000000");
    pilot(ledger, DALIAN_UNPUBLISHED, "210000", "辽宁省", "210200", "鞍山市", "30000000");
    pilot(ledger, XIAN, "610000", "陕西省", "610100", "西安市", "50000000");
    ledger.recordFundUse(new FundUse(null, SHENYANG, "GUARANTEE_CAPITAL", BENEFICIARY, CREDIT_CODE,
        new BigDecimal("20000000"), LocalDate.of(2027, 6, 1), "task-use-1", "syFinanceUser", null));
    ledger.recordFundUse(new FundUse(null, SHENYANG, "RISK_COMPENSATION", "沈阳市小微企业贷款风险补偿资金池", CREDIT_CODE,
        new BigDecimal("10000000"), LocalDate.of(2027, 7, 1), "task-use-2", "syFinanceUser", null));
    ledger.publish(SHENYANG, 2027, new BigDecimal("87.29"), Ledger.PASS, "eval-sy:publishResult");
    ledger.publish(XIAN, 2027, new BigDecimal("72.50"), Ledger.PASS, "eval-xa:publishResult");
    ledger.publishCorrection(XIAN, new BigDecimal("65.00"), Ledger.REVOKE, "财政部抽评复核：风险补偿资金未实际拨付",
        "eval-xa:recordSpotCheck");
  }

  private static void pilot(Ledger ledger, String key, String unit, String unitName, String city, String cityName,
      String amount) {
    BigDecimal award = new BigDecimal(amount);
    ledger.grantAward(new Award(key, unit, unitName, city, cityName, 2027, "CENTRAL", "EAST", award, "term-" + key, null));
    ledger.recordTransfer(key, TransferLeg.MINISTRY_TO_PROVINCE, award, LocalDate.of(2027, 5, 10), "财金〔2027〕1号",
        "task-m-" + key, "mofUser");
    ledger.recordTransfer(key, TransferLeg.PROVINCE_TO_CITY, award, LocalDate.of(2027, 5, 20), "省财金〔2027〕2号",
        "task-p-" + key, "provincialUser");
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void thePageListsEveryPublishedResultWithoutLogin() {
    HttpResponse<String> page = app.get("/public/results");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("2027年度试点工作绩效评价结果", "沈阳市", "87.29", "通过", "3,000.00",
        "政府性融资担保机构资本补充2,000.00万元；信贷风险补偿1,000.00万元", "西安市", "72.50", "65.00",
        "取消试点资格，追回奖励资金", "第2版，更正前一版：财政部抽评复核：风险补偿资金未实际拨付", "中央财政试点");
    assertThat(page.body()).doesNotContain("鞍山市");
    assertNothingPrivate(page.body());
  }

  @Test
  void csvAndJsonCarryTheSameRows() throws Exception {
    HttpResponse<String> csv = app.get("/public/results.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("\uFEFF年度,版本,申报单位代码");
    assertThat(csv.body()).contains("2027,1,210000,辽宁省,沈阳市,中央财政试点,87.29,通过,30000000.00,\"政府性融资担保机构资本补充2,000.00万元；信贷风险补偿1,000.00万元\",,")
        .doesNotContain("鞍山市");
    assertNothingPrivate(csv.body());

    HttpResponse<String> json = app.get("/public/results.json");
    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode rows = new ObjectMapper().readTree(json.body());
    assertThat(rows).hasSize(3);
    JsonNode correction = rows.get(2).get("version").asInt() == 2 ? rows.get(2) : rows.get(1);
    assertThat(correction.get("city").asText()).isEqualTo("西安市");
    assertThat(correction.get("outcome").asText()).isEqualTo("REVOKE");
    assertThat(correction.get("score").decimalValue()).isEqualByComparingTo("65.00");
    assertNothingPrivate(json.body());
  }

  @Test
  void aCellThatASpreadsheetWouldRunIsDefused() {
    assertThat(PublicResults.cell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
    assertThat(PublicResults.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
  }

  private static void assertNothingPrivate(String body) {
    assertThat(body).doesNotContain(BENEFICIARY, CREDIT_CODE, "syFinanceUser", "mofUser", "provincialUser",
        "task-", "term-", "eval-", "source", "processInstance");
  }
}
