package org.pilotcity.funds;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The program's money and public record in the application's own tables ({@code db/migration}): awards,
 * transfers, uses of funds and their checks, evaluations, published results, settlements, clawbacks and
 * repayments. Rows are only inserted. Every write first looks for the row it would write: the same step
 * writing again (a retried job, a repeated call) gets the existing row back and nothing is written twice;
 * any other second award, transfer leg, settlement or clawback of a pilot is refused — and the tables'
 * constraints refuse it too, should two writers race past the look-up.
 *
 * <p>In the application the template uses Spring's DataSource, so each write commits or rolls back with the
 * engine's transaction. Times come from the engine's clock.
 */
@Component
public class Ledger {

  public enum TransferLeg { MINISTRY_TO_PROVINCE, PROVINCE_TO_CITY }

  public record Award(String pilotKey, String applicantUnitCode, String applicantUnitName, String cityCode,
      String cityName, int programYear, String fundingLevel, String region, BigDecimal amount,
      String processInstanceId, Instant grantedAt) {}

  public record Transfer(Long id, String pilotKey, TransferLeg leg, BigDecimal amount, LocalDate paidOn,
      String documentNo, String sourceId, String recordedBy, Instant recordedAt) {}

  public record FundUse(Long id, String pilotKey, String purpose, String beneficiaryName,
      String beneficiaryCreditCode, BigDecimal amount, LocalDate usedOn, String sourceId, String recordedBy,
      Instant recordedAt) {}

  public record FundUseCheck(Long id, long fundUseId, String finding, String note, String checkedBy,
      String sourceId, Instant checkedAt) {}

  public record Evaluation(String pilotKey, int evaluatedYear, String kind, BigDecimal score,
      String areaScoresJson, String processInstanceId, Instant recordedAt) {}

  public record PublishedResult(Long id, int evaluatedYear, int version, String pilotKey, String applicantUnitCode,
      String applicantUnitName, String cityName, BigDecimal score, String outcome, BigDecimal awardAmount,
      String fundUseSummary, Long correctsId, String correctionReason, String sourceId, Instant publishedAt) {}

  public record Settlement(String pilotKey, int evaluatedYear, BigDecimal finalScore, String outcome,
      String scoreKind, String processInstanceId, Instant settledAt) {}

  public record Clawback(String pilotKey, BigDecimal amountDue, LocalDate dueDate, String processInstanceId,
      Instant openedAt) {}

  public record Repayment(Long id, String pilotKey, BigDecimal amount, LocalDate paidOn, String verifiedBy,
      String sourceId, Instant recordedAt) {}

  public static final String CONFIRMED = "CONFIRMED";
  public static final String DUPLICATE_SUPPORT = "DUPLICATE_SUPPORT";
  public static final String PROVINCIAL = "PROVINCIAL";
  public static final String PASS = "PASS";
  public static final String REVOKE = "REVOKE";

  /** How a purpose reads on the public page. */
  public static final Map<String, String> PURPOSE_NAMES = Map.of(
      "RISK_COMPENSATION", "信贷风险补偿",
      "COMPENSATORY_PAYMENT", "贷款代偿",
      "GUARANTEE_CAPITAL", "政府性融资担保机构资本补充");

  private final JdbcTemplate jdbc;

  public Ledger(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  // ---------------------------------------------------------------- award and transfers

  public Award grantAward(Award a) {
    Optional<Award> existing = award(a.pilotKey());
    if (existing.isPresent()) {
      if (existing.get().processInstanceId().equals(a.processInstanceId())) {
        return existing.get();
      }
      throw new LedgerRefusal("试点城市" + a.cityName() + "（" + a.pilotKey() + "）已于" + existing.get().grantedAt()
          + "核定奖励资金，每个试点只奖励一次，不得重复核定",
          "pilot " + a.pilotKey() + " already has an award");
    }
    positive(a.amount(), "奖励金额", "award amount");
    jdbc.update("insert into pc_award (pilot_key, applicant_unit_code, applicant_unit_name, city_code, city_name,"
            + " program_year, funding_level, region, amount, process_instance_id, granted_at)"
            + " values (?,?,?,?,?,?,?,?,?,?,?)",
        a.pilotKey(), a.applicantUnitCode(), a.applicantUnitName(), a.cityCode(), a.cityName(), a.programYear(),
        a.fundingLevel(), a.region(), money(a.amount()), a.processInstanceId(), now());
    return award(a.pilotKey()).orElseThrow();
  }

  public Optional<Award> award(String pilotKey) {
    return one("select * from pc_award where pilot_key = ?", AWARD, pilotKey);
  }

  public Transfer recordTransfer(String pilotKey, TransferLeg leg, BigDecimal amount, LocalDate paidOn,
      String documentNo, String sourceId, String recordedBy) {
    Award award = lockAward(pilotKey);
    Optional<Transfer> existing = transfers(pilotKey).stream().filter(t -> t.leg() == leg).findFirst();
    if (existing.isPresent()) {
      if (existing.get().sourceId().equals(sourceId)) {
        return existing.get();
      }
      throw new LedgerRefusal(legName(leg) + "已于" + existing.get().paidOn() + "登记（文号" + existing.get().documentNo()
          + "），奖励资金一次性全额拨付，不得重复登记", "transfer " + leg + " of " + pilotKey + " already recorded");
    }
    positive(amount, "拨付金额", "amount");
    if (money(amount).compareTo(award.amount()) != 0) {
      throw new LedgerRefusal("拨付金额" + yuan(amount) + "与核定的奖励资金" + yuan(award.amount())
          + "不一致：奖励资金一次性全额拨付", "transfer amount " + amount + " differs from award " + award.amount());
    }
    boolean provincialMoney = PROVINCIAL.equals(award.fundingLevel());
    if (leg == TransferLeg.MINISTRY_TO_PROVINCE && provincialMoney) {
      throw new LedgerRefusal("试点" + pilotKey + "为省级试点，奖励资金由省级财政安排，财政部不拨付",
          "ministry transfer for provincial pilot " + pilotKey);
    }
    // a provincial pilot's award is the province's own money: the province pays the city directly
    if (leg == TransferLeg.PROVINCE_TO_CITY && !provincialMoney) {
      Transfer ministry = transfers(pilotKey).stream().filter(t -> t.leg() == TransferLeg.MINISTRY_TO_PROVINCE)
          .findFirst().orElseThrow(() -> new LedgerRefusal("财政部尚未拨付奖励资金，省级财政不能登记转拨",
              "province-to-city transfer before the ministry's"));
      if (paidOn.isBefore(ministry.paidOn())) {
        throw new LedgerRefusal("转拨日期" + paidOn + "早于财政部拨付日期" + ministry.paidOn(),
            "province-to-city transfer dated before the ministry's");
      }
    }
    jdbc.update("insert into pc_fund_transfer (pilot_key, leg, amount, paid_on, document_no, source_id, recorded_by,"
            + " recorded_at) values (?,?,?,?,?,?,?,?)",
        pilotKey, leg.name(), money(amount), Date.valueOf(paidOn), documentNo, sourceId, recordedBy, now());
    return transfers(pilotKey).stream().filter(t -> t.leg() == leg).findFirst().orElseThrow();
  }

  public List<Transfer> transfers(String pilotKey) {
    return jdbc.query("select * from pc_fund_transfer where pilot_key = ? order by id", TRANSFER, pilotKey);
  }

  public BigDecimal receivedByCity(String pilotKey) {
    return sum("select sum(amount) from pc_fund_transfer where pilot_key = ? and leg = 'PROVINCE_TO_CITY'", pilotKey);
  }

  // ---------------------------------------------------------------- uses of funds

  public FundUse recordFundUse(FundUse u) {
    lockAward(u.pilotKey());
    Optional<FundUse> existing = one("select * from pc_fund_use where source_id = ?", FUND_USE, u.sourceId());
    if (existing.isPresent()) {
      return existing.get();
    }
    String codeProblem = CreditCode.problem(u.beneficiaryCreditCode());
    if (codeProblem != null) {
      throw new LedgerRefusal(codeProblem, "invalid unified social credit code");
    }
    positive(u.amount(), "使用金额", "amount");
    BigDecimal received = receivedByCity(u.pilotKey());
    BigDecimal after = usedFunds(u.pilotKey()).add(money(u.amount()));
    if (after.compareTo(received) > 0) {
      throw new LedgerRefusal("本次使用" + yuan(u.amount()) + "后累计使用" + yuan(after) + "，超过城市已收到的奖励资金"
          + yuan(received) + "，请核对金额", "uses " + after + " exceed funds received " + received);
    }
    jdbc.update("insert into pc_fund_use (pilot_key, purpose, beneficiary_name, beneficiary_code, amount, used_on,"
            + " source_id, recorded_by, recorded_at) values (?,?,?,?,?,?,?,?,?)",
        u.pilotKey(), u.purpose(), u.beneficiaryName().trim(), u.beneficiaryCreditCode().trim(), money(u.amount()),
        Date.valueOf(u.usedOn()), u.sourceId(), u.recordedBy(), now());
    return one("select * from pc_fund_use where source_id = ?", FUND_USE, u.sourceId()).orElseThrow();
  }

  public FundUseCheck recordFundUseCheck(long fundUseId, String finding, String note, String checkedBy, String sourceId) {
    Optional<FundUseCheck> existing = one("select * from pc_fund_use_check where fund_use_id = ?", FUND_USE_CHECK, fundUseId);
    if (existing.isPresent()) {
      if (existing.get().sourceId().equals(sourceId)) {
        return existing.get();
      }
      throw new LedgerRefusal("该笔资金使用已核查，结论不得更改", "fund use " + fundUseId + " already checked");
    }
    if (!CONFIRMED.equals(finding) && !DUPLICATE_SUPPORT.equals(finding)) {
      throw new LedgerRefusal("核查结论只能是核查无误或存在重复支持", "unknown finding " + finding);
    }
    jdbc.update("insert into pc_fund_use_check (fund_use_id, finding, note, checked_by, source_id, checked_at)"
        + " values (?,?,?,?,?,?)", fundUseId, finding, note, checkedBy, sourceId, now());
    return one("select * from pc_fund_use_check where fund_use_id = ?", FUND_USE_CHECK, fundUseId).orElseThrow();
  }

  public List<FundUse> fundUses(String pilotKey) {
    return jdbc.query("select * from pc_fund_use where pilot_key = ? order by id", FUND_USE, pilotKey);
  }

  public List<FundUseCheck> fundUseChecks(String pilotKey) {
    return jdbc.query("select c.* from pc_fund_use_check c join pc_fund_use u on u.id = c.fund_use_id"
        + " where u.pilot_key = ? order by c.id", FUND_USE_CHECK, pilotKey);
  }

  public BigDecimal usedFunds(String pilotKey) {
    return sum("select sum(amount) from pc_fund_use where pilot_key = ?", pilotKey);
  }

  // ---------------------------------------------------------------- evaluation, publication, settlement

  public Evaluation recordEvaluation(Evaluation e) {
    Optional<Evaluation> existing = one("select * from pc_evaluation where pilot_key = ? and kind = ?", EVALUATION,
        e.pilotKey(), e.kind());
    if (existing.isPresent()) {
      if (existing.get().processInstanceId().equals(e.processInstanceId())) {
        return existing.get();
      }
      throw new LedgerRefusal("试点" + e.pilotKey() + "的" + ("SPOT_CHECK".equals(e.kind()) ? "抽评" : "绩效评价")
          + "结果已记录，不得重复评价", e.kind() + " evaluation of " + e.pilotKey() + " already recorded");
    }
    award(e.pilotKey()).orElseThrow(() -> noAward(e.pilotKey()));
    score(e.score());
    jdbc.update("insert into pc_evaluation (pilot_key, evaluated_year, kind, score, area_scores, process_instance_id,"
            + " recorded_at) values (?,?,?,?,?,?,?)",
        e.pilotKey(), e.evaluatedYear(), e.kind(), scoreValue(e.score()), e.areaScoresJson(), e.processInstanceId(), now());
    return one("select * from pc_evaluation where pilot_key = ? and kind = ?", EVALUATION, e.pilotKey(), e.kind())
        .orElseThrow();
  }

  public List<Evaluation> evaluations(String pilotKey) {
    return jdbc.query("select * from pc_evaluation where pilot_key = ? order by id", EVALUATION, pilotKey);
  }

  /** The first publication of a pilot's result; the use of funds is summarised from the ledger as it is now. */
  public PublishedResult publish(String pilotKey, int evaluatedYear, BigDecimal score, String outcome, String sourceId) {
    Award award = lockAward(pilotKey);
    Optional<PublishedResult> existing = one("select * from pc_published_result where pilot_key = ? and version = 1",
        PUBLISHED, pilotKey);
    if (existing.isPresent()) {
      if (existing.get().sourceId().equals(sourceId)) {
        return existing.get();
      }
      throw new LedgerRefusal("试点" + award.cityName() + "的评价结果已公开，已公开的结果不得修改，只能发布更正",
          "result of " + pilotKey + " already published; publish a correction instead");
    }
    insertResult(award, evaluatedYear, 1, score, outcome, null, null, sourceId);
    return one("select * from pc_published_result where source_id = ?", PUBLISHED, sourceId).orElseThrow();
  }

  /** A correction: a new, visible row that supersedes the latest one; the earlier rows stay as published. */
  public PublishedResult publishCorrection(String pilotKey, BigDecimal score, String outcome, String reason, String sourceId) {
    Award award = lockAward(pilotKey);
    Optional<PublishedResult> same = one("select * from pc_published_result where source_id = ?", PUBLISHED, sourceId);
    if (same.isPresent()) {
      return same.get();
    }
    PublishedResult latest = one("select * from pc_published_result where pilot_key = ? order by version desc"
        + " fetch first 1 rows only", PUBLISHED, pilotKey)
        .orElseThrow(() -> new LedgerRefusal("试点" + pilotKey + "尚无已公开的评价结果，无从更正",
            "nothing published for " + pilotKey));
    if (reason == null || reason.isBlank()) {
      throw new LedgerRefusal("更正已公开的结果须说明理由", "a correction needs a reason");
    }
    insertResult(award, latest.evaluatedYear(), latest.version() + 1, score, outcome, latest.id(), reason.trim(), sourceId);
    return one("select * from pc_published_result where source_id = ?", PUBLISHED, sourceId).orElseThrow();
  }

  public List<PublishedResult> publishedResults() {
    return jdbc.query("select * from pc_published_result order by evaluated_year desc, applicant_unit_code, city_name,"
        + " version", PUBLISHED);
  }

  public Settlement settle(Settlement s) {
    lockAward(s.pilotKey());
    Optional<Settlement> existing = settlement(s.pilotKey());
    if (existing.isPresent()) {
      if (existing.get().processInstanceId().equals(s.processInstanceId())) {
        return existing.get();
      }
      throw new LedgerRefusal("试点" + s.pilotKey() + "已于" + existing.get().settledAt() + "结算（"
          + existing.get().outcome() + "），不得重复结算", "pilot " + s.pilotKey() + " already settled");
    }
    score(s.finalScore());
    jdbc.update("insert into pc_settlement (pilot_key, evaluated_year, final_score, outcome, score_kind,"
            + " process_instance_id, settled_at) values (?,?,?,?,?,?,?)",
        s.pilotKey(), s.evaluatedYear(), scoreValue(s.finalScore()), s.outcome(), s.scoreKind(), s.processInstanceId(), now());
    return settlement(s.pilotKey()).orElseThrow();
  }

  public Optional<Settlement> settlement(String pilotKey) {
    return one("select * from pc_settlement where pilot_key = ?", SETTLEMENT, pilotKey);
  }

  // ---------------------------------------------------------------- clawback

  /** Opens the recovery of every yuan the city received; only for a pilot settled as REVOKE. */
  public Clawback openClawback(String pilotKey, LocalDate dueDate, String processInstanceId) {
    lockAward(pilotKey);
    Optional<Clawback> existing = clawback(pilotKey);
    if (existing.isPresent()) {
      if (existing.get().processInstanceId().equals(processInstanceId)) {
        return existing.get();
      }
      throw new LedgerRefusal("试点" + pilotKey + "的奖励资金追回已于" + existing.get().openedAt() + "启动，不得重复追回",
          "clawback of " + pilotKey + " already opened");
    }
    Settlement settlement = settlement(pilotKey).orElseThrow(() -> new LedgerRefusal(
        "试点" + pilotKey + "尚未结算，不能追回资金", "pilot " + pilotKey + " is not settled"));
    if (!REVOKE.equals(settlement.outcome())) {
      throw new LedgerRefusal("试点" + pilotKey + "绩效评价结果为通过，不能追回资金", "pilot " + pilotKey + " passed");
    }
    jdbc.update("insert into pc_clawback (pilot_key, amount_due, due_date, process_instance_id, opened_at)"
        + " values (?,?,?,?,?)", pilotKey, receivedByCity(pilotKey), Date.valueOf(dueDate), processInstanceId, now());
    return clawback(pilotKey).orElseThrow();
  }

  public Optional<Clawback> clawback(String pilotKey) {
    return one("select * from pc_clawback where pilot_key = ?", CLAWBACK, pilotKey);
  }

  /** A repayment the local bureau verified. Partial repayments add up; none may exceed the balance. */
  public Repayment recordRepayment(String pilotKey, BigDecimal amount, LocalDate paidOn, String verifiedBy, String sourceId) {
    Optional<Repayment> existing = one("select * from pc_repayment where source_id = ?", REPAYMENT, sourceId);
    if (existing.isPresent()) {
      return existing.get();
    }
    // lock the clawback row: two verifications at once must not both fit into the same balance
    List<String> locked = jdbc.queryForList("select pilot_key from pc_clawback where pilot_key = ? for update",
        String.class, pilotKey);
    if (locked.isEmpty()) {
      throw new LedgerRefusal("试点" + pilotKey + "没有追回记录，不能登记缴回", "no clawback for " + pilotKey);
    }
    positive(amount, "缴回金额", "amount");
    BigDecimal balance = clawbackBalance(pilotKey);
    if (money(amount).compareTo(balance) > 0) {
      throw new LedgerRefusal("缴回金额" + yuan(amount) + "超过尚未追回的余额" + yuan(balance),
          "repayment " + amount + " exceeds balance " + balance);
    }
    jdbc.update("insert into pc_repayment (pilot_key, amount, paid_on, verified_by, source_id, recorded_at)"
        + " values (?,?,?,?,?,?)", pilotKey, money(amount), Date.valueOf(paidOn), verifiedBy, sourceId, now());
    return one("select * from pc_repayment where source_id = ?", REPAYMENT, sourceId).orElseThrow();
  }

  public List<Repayment> repayments(String pilotKey) {
    return jdbc.query("select * from pc_repayment where pilot_key = ? order by id", REPAYMENT, pilotKey);
  }

  /** What is still to be recovered: the amount due less verified repayments (zero when none is due). */
  public BigDecimal clawbackBalance(String pilotKey) {
    BigDecimal due = clawback(pilotKey).map(Clawback::amountDue).orElse(BigDecimal.ZERO);
    return money(due.subtract(sum("select sum(amount) from pc_repayment where pilot_key = ?", pilotKey)));
  }

  // ---------------------------------------------------------------- helpers

  private void insertResult(Award award, int year, int version, BigDecimal score, String outcome, Long correctsId,
      String reason, String sourceId) {
    score(score);
    if (!PASS.equals(outcome) && !REVOKE.equals(outcome)) {
      throw new LedgerRefusal("评价结果只能是通过或取消资格", "unknown outcome " + outcome);
    }
    jdbc.update("insert into pc_published_result (pilot_key, evaluated_year, version, applicant_unit_code,"
            + " applicant_unit_name, city_name, score, outcome, award_amount, fund_use_summary, corrects_id,"
            + " correction_reason, source_id, published_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        award.pilotKey(), year, version, award.applicantUnitCode(), award.applicantUnitName(), award.cityName(),
        scoreValue(score), outcome, award.amount(), fundUseSummary(award.pilotKey()), correctsId, reason, sourceId, now());
  }

  /** Totals by purpose in 万元, e.g. "政府性融资担保机构资本补充2,000.00万元；信贷风险补偿1,000.00万元". */
  String fundUseSummary(String pilotKey) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (FundUse use : fundUses(pilotKey)) {
      totals.merge(PURPOSE_NAMES.getOrDefault(use.purpose(), use.purpose()), use.amount(), BigDecimal::add);
    }
    if (totals.isEmpty()) {
      return "尚未报告资金使用";
    }
    StringBuilder text = new StringBuilder();
    totals.forEach((purpose, total) -> text.append(text.isEmpty() ? "" : "；").append(purpose)
        .append(String.format("%,.2f万元", total.divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP))));
    return text.toString();
  }

  private Award lockAward(String pilotKey) {
    List<Award> rows = jdbc.query("select * from pc_award where pilot_key = ? for update", AWARD, pilotKey);
    if (rows.isEmpty()) {
      throw noAward(pilotKey);
    }
    return rows.get(0);
  }

  private static LedgerRefusal noAward(String pilotKey) {
    return new LedgerRefusal("试点" + pilotKey + "尚未核定奖励资金", "no award for " + pilotKey);
  }

  private static void positive(BigDecimal amount, String chinese, String english) {
    if (amount == null || amount.signum() <= 0) {
      throw new LedgerRefusal(chinese + "必须大于0", english + " must be positive");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new LedgerRefusal(chinese + "最多精确到分（小数点后两位）：" + amount.toPlainString(),
          english + " has more than 2 decimals");
    }
  }

  private static void score(BigDecimal score) {
    if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new LedgerRefusal("分值必须在0—100之间（收到" + score + "）", "score outside 0-100");
    }
  }

  /** Scores are kept to two decimals, rounded down so that 69.999 never becomes a pass. */
  private static BigDecimal scoreValue(BigDecimal score) {
    return score.setScale(2, RoundingMode.DOWN);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  static String yuan(BigDecimal amount) {
    return String.format("%,.2f元", amount);
  }

  private static String legName(TransferLeg leg) {
    return leg == TransferLeg.MINISTRY_TO_PROVINCE ? "财政部拨付" : "省级财政转拨";
  }

  private BigDecimal sum(String sql, String pilotKey) {
    BigDecimal total = jdbc.queryForObject(sql, BigDecimal.class, pilotKey);
    return total == null ? BigDecimal.ZERO.setScale(2) : total.setScale(2, RoundingMode.UNNECESSARY);
  }

  private <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
    return jdbc.query(sql, mapper, args).stream().findFirst();
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static LocalDate day(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static final RowMapper<Award> AWARD = (rs, n) -> new Award(rs.getString("pilot_key"),
      rs.getString("applicant_unit_code"), rs.getString("applicant_unit_name"), rs.getString("city_code"),
      rs.getString("city_name"), rs.getInt("program_year"), rs.getString("funding_level"), rs.getString("region"),
      rs.getBigDecimal("amount"), rs.getString("process_instance_id"), instant(rs, "granted_at"));

  private static final RowMapper<Transfer> TRANSFER = (rs, n) -> new Transfer(rs.getLong("id"), rs.getString("pilot_key"),
      TransferLeg.valueOf(rs.getString("leg")), rs.getBigDecimal("amount"), day(rs, "paid_on"),
      rs.getString("document_no"), rs.getString("source_id"), rs.getString("recorded_by"), instant(rs, "recorded_at"));

  private static final RowMapper<FundUse> FUND_USE = (rs, n) -> new FundUse(rs.getLong("id"), rs.getString("pilot_key"),
      rs.getString("purpose"), rs.getString("beneficiary_name"), rs.getString("beneficiary_code"),
      rs.getBigDecimal("amount"), day(rs, "used_on"), rs.getString("source_id"), rs.getString("recorded_by"),
      instant(rs, "recorded_at"));

  private static final RowMapper<FundUseCheck> FUND_USE_CHECK = (rs, n) -> new FundUseCheck(rs.getLong("id"),
      rs.getLong("fund_use_id"), rs.getString("finding"), rs.getString("note"), rs.getString("checked_by"),
      rs.getString("source_id"), instant(rs, "checked_at"));

  private static final RowMapper<Evaluation> EVALUATION = (rs, n) -> new Evaluation(rs.getString("pilot_key"),
      rs.getInt("evaluated_year"), rs.getString("kind"), rs.getBigDecimal("score"), rs.getString("area_scores"),
      rs.getString("process_instance_id"), instant(rs, "recorded_at"));

  private static final RowMapper<PublishedResult> PUBLISHED = (rs, n) -> new PublishedResult(rs.getLong("id"),
      rs.getInt("evaluated_year"), rs.getInt("version"), rs.getString("pilot_key"), rs.getString("applicant_unit_code"),
      rs.getString("applicant_unit_name"), rs.getString("city_name"), rs.getBigDecimal("score"), rs.getString("outcome"),
      rs.getBigDecimal("award_amount"), rs.getString("fund_use_summary"), longOrNull(rs, "corrects_id"),
      rs.getString("correction_reason"), rs.getString("source_id"), instant(rs, "published_at"));

  private static final RowMapper<Settlement> SETTLEMENT = (rs, n) -> new Settlement(rs.getString("pilot_key"),
      rs.getInt("evaluated_year"), rs.getBigDecimal("final_score"), rs.getString("outcome"), rs.getString("score_kind"),
      rs.getString("process_instance_id"), instant(rs, "settled_at"));

  private static final RowMapper<Clawback> CLAWBACK = (rs, n) -> new Clawback(rs.getString("pilot_key"),
      rs.getBigDecimal("amount_due"), day(rs, "due_date"), rs.getString("process_instance_id"), instant(rs, "opened_at"));

  private static final RowMapper<Repayment> REPAYMENT = (rs, n) -> new Repayment(rs.getLong("id"), rs.getString("pilot_key"),
      rs.getBigDecimal("amount"), day(rs, "paid_on"), rs.getString("verified_by"), rs.getString("source_id"),
      instant(rs, "recorded_at"));
}
