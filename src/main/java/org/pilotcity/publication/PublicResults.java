package org.pilotcity.publication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.PublishedResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The published evaluation results (向社会公开), without login: every published row of the ledger — a
 * correction is a row of its own, so what was published once stays visible — as a page, as CSV and as JSON.
 * Only what the notice makes public leaves the ledger: year, unit, city, score, outcome, award and the use
 * of funds by purpose. No user, beneficiary, credit code or process id is shown.
 */
@RestController
public class PublicResults {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(BEIJING);
  static final Map<String, String> OUTCOMES = Map.of(Ledger.PASS, "通过", Ledger.REVOKE, "取消试点资格，追回奖励资金");

  private final Ledger ledger;

  public PublicResults(Ledger ledger) {
    this.ledger = ledger;
  }

  /** One published row as the public sees it. */
  public record PublicRow(int year, int version, String applicantUnitCode, String applicantUnit, String city,
      String pilotKind, BigDecimal score, String outcome, String outcomeText, BigDecimal awardYuan, String fundUse, String correction,
      String publishedOn) {}

  List<PublicRow> rows() {
    return ledger.publishedResults().stream().map(PublicResults::row).toList();
  }

  private static PublicRow row(PublishedResult r) {
    String correction = r.correctsId() == null ? null : "第" + r.version() + "版，更正前一版：" + r.correctionReason();
    return new PublicRow(r.evaluatedYear(), r.version(), r.applicantUnitCode(), r.applicantUnitName(), r.cityName(),
        pilotKind(r.pilotKey()), r.score(), r.outcome(), OUTCOMES.get(r.outcome()), r.awardAmount(), r.fundUseSummary(), correction,
        DAY.format(r.publishedAt()));
  }

  /** A province's own pilots (比照开展的省级试点) are published too, but never mistaken for central ones. */
  private static String pilotKind(String pilotKey) {
    return pilotKey.contains("-" + Ledger.PROVINCIAL + "-") ? "省级试点" : "中央财政试点";
  }

  @GetMapping(value = "/public/results.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<PublicRow> json() {
    return rows();
  }

  @GetMapping(value = "/public/results.csv")
  public ResponseEntity<byte[]> csv() {
    StringBuilder csv = new StringBuilder("\uFEFF"); // a BOM, so that Excel reads the Chinese as UTF-8
    csv.append("年度,版本,申报单位代码,申报单位,试点城市,试点类别,绩效评价得分,结果,奖励资金（元）,资金使用情况,更正说明,公开日期\r\n");
    for (PublicRow r : rows()) {
      csv.append(String.join(",", String.valueOf(r.year()), String.valueOf(r.version()), cell(r.applicantUnitCode()),
          cell(r.applicantUnit()), cell(r.city()), r.pilotKind(), r.score().toPlainString(), cell(r.outcomeText()),
          r.awardYuan().toPlainString(), cell(r.fundUse()), cell(r.correction()), r.publishedOn())).append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "inline; filename=\"results.csv\"")
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(value = "/public/results", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public String page() {
    Map<Integer, List<PublicRow>> byYear = new TreeMap<>(Comparator.reverseOrder());
    for (PublicRow r : rows()) {
      byYear.computeIfAbsent(r.year(), y -> new ArrayList<>()).add(r);
    }
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>民营和小微企业金融服务综合改革试点城市绩效评价结果公开</title>
        <style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
        table{border-collapse:collapse;width:100%;margin-bottom:2em}th,td{border:1px solid #bbb;padding:.4em .6em;text-align:left;vertical-align:top}
        th{background:#f0f0f0}td.n{text-align:right;white-space:nowrap}.revoke{color:#b00000;font-weight:bold}.corr{color:#8a5a00}</style>
        </head><body>
        <h1>民营和小微企业金融服务综合改革试点城市绩效评价结果公开</h1>
        <p>根据财金〔2019〕62号通知，试点城市上年工作绩效评价结果向社会公开。
        绩效评价（含财政部抽评）结果为“取消试点资格”的，追回全部奖励资金。已公开的结果不作修改；如有更正，以新的一行公开并注明更正理由。</p>
        <p>下载：<a href="/public/results.csv">CSV</a> · <a href="/public/results.json">JSON</a></p>
        """);
    if (byYear.isEmpty()) {
      html.append("<p>暂无已公开的绩效评价结果。</p>");
    }
    byYear.forEach((year, rows) -> {
      html.append("<h2>").append(year).append("年度试点工作绩效评价结果</h2>\n<table><thead><tr><th>申报单位</th><th>试点城市</th>"
          + "<th>试点类别</th><th>绩效评价得分</th><th>结果</th><th>奖励资金（万元）</th><th>资金使用情况</th><th>说明</th><th>公开日期</th></tr></thead><tbody>\n");
      for (PublicRow r : rows) {
        html.append("<tr><td>").append(esc(r.applicantUnit())).append("</td><td>").append(esc(r.city()))
            .append("</td><td>").append(r.pilotKind()).append("</td><td class=\"n\">").append(r.score().setScale(2, RoundingMode.DOWN).toPlainString())
            .append("</td><td").append(Ledger.REVOKE.equals(r.outcome()) ? " class=\"revoke\">" : ">")
            .append(esc(r.outcomeText())).append("</td><td class=\"n\">")
            .append(String.format("%,.2f", r.awardYuan().divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP)))
            .append("</td><td>").append(esc(r.fundUse())).append("</td><td class=\"corr\">")
            .append(r.correction() == null ? "" : esc(r.correction())).append("</td><td>").append(r.publishedOn())
            .append("</td></tr>\n");
      }
      html.append("</tbody></table>\n");
    });
    return html.append("</body></html>\n").toString();
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }

  /** A CSV cell: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused for spreadsheets. */
  static String cell(String text) {
    if (text == null) {
      return "";
    }
    String value = text;
    if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
      value = "'" + value;
    }
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      value = "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
