package org.pilotcity.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilotcity.funds.Ledger.Award;
import org.pilotcity.funds.Ledger.Evaluation;
import org.pilotcity.funds.Ledger.FundUse;
import org.pilotcity.funds.Ledger.Settlement;
import org.pilotcity.funds.Ledger.TransferLeg;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's invariants, on each database the application runs on: the code refuses a second award,
 * transfer leg, settlement or clawback and any sum that does not fit, repeats by the same step write
 * nothing, and the tables themselves refuse what the code would let slip (a direct insert).
 */
abstract class LedgerContract {

  static final String PILOT = "2027-CENTRAL-210100";
  static final BigDecimal AWARD = new BigDecimal("30000000.00");
  static final String BANK_CODE = "91110000600037341L";

  Ledger ledger;
  JdbcTemplate jdbc;

  abstract DataSource dataSource();

  abstract void emptyTables();

  @BeforeEach
  void setUp() {
    emptyTables();
    ledger = new Ledger(dataSource());
    jdbc = new JdbcTemplate(dataSource());
  }

  Award award(String processInstanceId) {
    return ledger.grantAward(new Award(PILOT, "210000", "辽宁省", "210100", "沈阳市", 2027, "CENTRAL", "EAST",
        AWARD, processInstanceId, null));
  }

  void paidInFull() {
    award("term-1");
    ledger.recordTransfer(PILOT, TransferLeg.MINISTRY_TO_PROVINCE, AWARD, LocalDate.of(2027, 5, 10), "财金〔2027〕1号", "t1", "mofUser");
    ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 5, 20), "辽财金〔2027〕2号", "t2", "lnFinance");
  }

  FundUse use(String source, String amount, String code) {
    return ledger.recordFundUse(new FundUse(null, PILOT, "GUARANTEE_CAPITAL", "沈阳市中小企业融资担保有限公司", code,
        new BigDecimal(amount), LocalDate.of(2027, 6, 1), source, "syFinance", null));
  }

  @Test
  void anAwardIsGrantedOnceAndARepeatOfTheSameStepWritesNothing() {
    award("term-1");
    Award again = award("term-1");

    assertThat(again.amount()).isEqualByComparingTo(AWARD);
    assertThat(count("pc_award")).isEqualTo(1);
    assertThatThrownBy(() -> award("term-2")).isInstanceOf(LedgerRefusal.class).hasMessageContaining("只奖励一次");
    assertThatThrownBy(() -> jdbc.update("insert into pc_award (pilot_key, applicant_unit_code, applicant_unit_name,"
        + " city_code, city_name, program_year, funding_level, region, amount, process_instance_id, granted_at)"
        + " values (?, '210000', '辽宁省', '210100', '沈阳市', 2027, 'CENTRAL', 'EAST', 1, 'x', current_timestamp)", PILOT))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void transfersPassTheWholeAwardOnceMinistryFirst() {
    award("term-1");
    assertThatThrownBy(() -> ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 5, 1), "x", "t0", "u"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("财政部尚未拨付");
    assertThatThrownBy(() -> ledger.recordTransfer(PILOT, TransferLeg.MINISTRY_TO_PROVINCE, new BigDecimal("10000000"), LocalDate.of(2027, 5, 1), "x", "t0", "u"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("一次性全额拨付");
    ledger.recordTransfer(PILOT, TransferLeg.MINISTRY_TO_PROVINCE, AWARD, LocalDate.of(2027, 5, 10), "财金〔2027〕1号", "t1", "u");
    assertThatThrownBy(() -> ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 5, 9), "x", "t2", "u"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("早于财政部拨付日期");
    ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 5, 20), "x", "t2", "u");
    ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 5, 20), "x", "t2", "u");

    assertThat(ledger.transfers(PILOT)).hasSize(2);
    assertThat(ledger.receivedByCity(PILOT)).isEqualByComparingTo(AWARD);
    assertThatThrownBy(() -> ledger.recordTransfer(PILOT, TransferLeg.PROVINCE_TO_CITY, AWARD, LocalDate.of(2027, 6, 1), "x", "t3", "u"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复登记");
    assertThatThrownBy(() -> jdbc.update("insert into pc_fund_transfer (pilot_key, leg, amount, paid_on, document_no,"
        + " source_id, recorded_at) values (?, 'PROVINCE_TO_CITY', 1, current_date, 'x', 'raw', current_timestamp)", PILOT))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void aProvincialPilotIsPaidByItsProvinceAloneNeverByTheMinistry() {
    String pilot = "2027-PROVINCIAL-610100";
    BigDecimal award = new BigDecimal("10000000.00");
    ledger.grantAward(new Award(pilot, "610000", "陕西省", "610100", "西安市", 2027, "PROVINCIAL", "WEST",
        award, "term-p", null));

    assertThatThrownBy(() -> ledger.recordTransfer(pilot, TransferLeg.MINISTRY_TO_PROVINCE, award,
        LocalDate.of(2027, 5, 10), "x", "t1", "mofUser"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("省级试点").hasMessageContaining("财政部不拨付");
    ledger.recordTransfer(pilot, TransferLeg.PROVINCE_TO_CITY, award, LocalDate.of(2027, 5, 20), "陕财金〔2027〕3号",
        "t2", "sxFinance");

    assertThat(ledger.transfers(pilot)).extracting(Ledger.Transfer::leg).containsExactly(TransferLeg.PROVINCE_TO_CITY);
    assertThat(ledger.receivedByCity(pilot)).isEqualByComparingTo(award);
  }

  @Test
  void usesNeverExceedWhatTheCityReceivedAndNeedAValidCreditCode() {
    paidInFull();
    use("u1", "20000000", BANK_CODE);
    use("u1", "20000000", BANK_CODE); // the same step again: nothing new

    assertThatThrownBy(() -> use("u2", "10000000.01", BANK_CODE)).isInstanceOf(LedgerRefusal.class)
        .hasMessageContaining("超过城市已收到的奖励资金");
    assertThatThrownBy(() -> use("u3", "100", "91110000600037341A")).isInstanceOf(LedgerRefusal.class)
        .hasMessageContaining("校验位错误");
    assertThatThrownBy(() -> use("u4", "0.001", BANK_CODE)).isInstanceOf(LedgerRefusal.class)
        .hasMessageContaining("最多精确到分");
    assertThatThrownBy(() -> use("u4", "-5", BANK_CODE)).isInstanceOf(LedgerRefusal.class)
        .hasMessageContaining("必须大于0");
    use("u5", "10000000", BANK_CODE);

    assertThat(ledger.fundUses(PILOT)).hasSize(2);
    assertThat(ledger.usedFunds(PILOT)).isEqualByComparingTo(AWARD);
  }

  @Test
  void aUseIsCheckedOnceAndTheFindingCannotChange() {
    paidInFull();
    FundUse use = use("u1", "1000000", BANK_CODE);
    ledger.recordFundUseCheck(use.id(), Ledger.DUPLICATE_SUPPORT, "已获降费奖补", "bureau", "c1");
    ledger.recordFundUseCheck(use.id(), Ledger.DUPLICATE_SUPPORT, "已获降费奖补", "bureau", "c1");

    assertThat(ledger.fundUseChecks(PILOT)).singleElement().extracting(Ledger.FundUseCheck::finding)
        .isEqualTo(Ledger.DUPLICATE_SUPPORT);
    assertThatThrownBy(() -> ledger.recordFundUseCheck(use.id(), Ledger.CONFIRMED, "", "bureau", "c2"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得更改");
  }

  @Test
  void aPublishedResultIsNeverEditedOnlyCorrectedByANewRow() {
    paidInFull();
    use("u1", "20000000", BANK_CODE);
    var first = ledger.publish(PILOT, 2027, new BigDecimal("72.00"), Ledger.PASS, "eval-1:publishResult");
    ledger.publish(PILOT, 2027, new BigDecimal("72.00"), Ledger.PASS, "eval-1:publishResult");
    assertThatThrownBy(() -> ledger.publish(PILOT, 2027, new BigDecimal("80"), Ledger.PASS, "eval-2:publishResult"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得修改");
    var correction = ledger.publishCorrection(PILOT, new BigDecimal("65.00"), Ledger.REVOKE, "财政部抽评复核", "eval-1:recordSpotCheck");

    assertThat(ledger.publishedResults()).hasSize(2);
    assertThat(ledger.publishedResults().get(0)).isEqualTo(first);
    assertThat(first.fundUseSummary()).isEqualTo("政府性融资担保机构资本补充2,000.00万元");
    assertThat(correction.version()).isEqualTo(2);
    assertThat(correction.correctsId()).isEqualTo(first.id());
    assertThat(correction.score()).isEqualByComparingTo("65.00");
    assertThatThrownBy(() -> jdbc.update("insert into pc_published_result (pilot_key, evaluated_year, version,"
        + " applicant_unit_code, applicant_unit_name, city_name, score, outcome, award_amount, fund_use_summary,"
        + " source_id, published_at) values (?, 2027, 2, '210000', '辽宁省', '沈阳市', 90, 'PASS', 1, '-', 'raw',"
        + " current_timestamp)", PILOT)).isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void evaluationsAndSettlementHappenOncePerPilot() {
    paidInFull();
    ledger.recordEvaluation(new Evaluation(PILOT, 2027, "PROVINCIAL", new BigDecimal("69.999"), "{}", "eval-1", null));
    ledger.recordEvaluation(new Evaluation(PILOT, 2027, "PROVINCIAL", new BigDecimal("69.999"), "{}", "eval-1", null));
    assertThat(ledger.evaluations(PILOT)).singleElement().extracting(Evaluation::score)
        .isEqualTo(new BigDecimal("69.99")); // rounded down: never a pass by rounding
    assertThatThrownBy(() -> ledger.recordEvaluation(new Evaluation(PILOT, 2027, "PROVINCIAL", BigDecimal.TEN, "{}", "eval-2", null)))
        .isInstanceOf(LedgerRefusal.class);

    Settlement settlement = new Settlement(PILOT, 2027, new BigDecimal("69.999"), Ledger.REVOKE, "PROVINCIAL", "eval-1", null);
    ledger.settle(settlement);
    ledger.settle(settlement);
    assertThat(count("pc_settlement")).isEqualTo(1);
    assertThatThrownBy(() -> ledger.settle(new Settlement(PILOT, 2027, BigDecimal.TEN, Ledger.REVOKE, "PROVINCIAL", "eval-2", null)))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复结算");
  }

  @Test
  void aClawbackRecoversExactlyWhatTheCityReceivedOnce() {
    paidInFull();
    assertThatThrownBy(() -> ledger.openClawback(PILOT, LocalDate.of(2028, 7, 1), "claw-1"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("尚未结算");
    ledger.settle(new Settlement(PILOT, 2027, new BigDecimal("65"), Ledger.REVOKE, "SPOT_CHECK", "eval-1", null));
    ledger.openClawback(PILOT, LocalDate.of(2028, 7, 1), "claw-1");
    ledger.openClawback(PILOT, LocalDate.of(2028, 7, 1), "claw-1");
    assertThatThrownBy(() -> ledger.openClawback(PILOT, LocalDate.of(2028, 7, 1), "claw-2"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("不得重复追回");

    ledger.recordRepayment(PILOT, new BigDecimal("10000000"), LocalDate.of(2028, 5, 1), "bureau", "r1");
    ledger.recordRepayment(PILOT, new BigDecimal("10000000"), LocalDate.of(2028, 5, 1), "bureau", "r1");
    assertThat(ledger.clawbackBalance(PILOT)).isEqualByComparingTo("20000000");
    assertThatThrownBy(() -> ledger.recordRepayment(PILOT, new BigDecimal("20000000.01"), LocalDate.of(2028, 6, 1), "bureau", "r2"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("超过尚未追回的余额");
    ledger.recordRepayment(PILOT, new BigDecimal("20000000"), LocalDate.of(2028, 6, 1), "bureau", "r3");

    assertThat(ledger.clawbackBalance(PILOT)).isEqualByComparingTo("0");
    assertThat(ledger.repayments(PILOT)).hasSize(2);
    assertThatThrownBy(() -> jdbc.update("insert into pc_clawback (pilot_key, amount_due, due_date, process_instance_id,"
        + " opened_at) values (?, 1, current_date, 'raw', current_timestamp)", PILOT))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void aPassedPilotCannotBeClawedBack() {
    paidInFull();
    ledger.settle(new Settlement(PILOT, 2027, new BigDecimal("70"), Ledger.PASS, "PROVINCIAL", "eval-1", null));
    assertThatThrownBy(() -> ledger.openClawback(PILOT, LocalDate.of(2028, 7, 1), "claw-1"))
        .isInstanceOf(LedgerRefusal.class).hasMessageContaining("通过");
  }

  int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }
}
