package org.pilotcity.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.pilotcity.forms.JsonVariables;

/**
 * The ranking of an open competitive review (公开竞争性评审). Pure: applications and score rows in, ranked
 * rows out. The rule, as shown to officials ({@link #RULE}):
 * <ol>
 *   <li>the mean of the valid scores (scores of reviewers without a declared conflict of interest), rounded
 *       half up to two decimals, higher first;</li>
 *   <li>equal means: the higher lowest valid score first;</li>
 *   <li>still equal: the earlier submission first;</li>
 *   <li>still equal: the smaller city code first;</li>
 *   <li>an application nobody could score (every reviewer conflicted) comes last, mean {@code null}.</li>
 * </ol>
 */
final class Ranking {

  static final String RULE = "按有效评分（未声明利益冲突的评审专家的评分）的平均分从高到低排名，平均分保留两位小数（四舍五入）；"
      + "平均分相同的，依次以最低有效评分高者在前、申报材料提交时间早者在前、城市代码小者在前确定名次；"
      + "所有评审专家均回避、没有有效评分的申报排在最后。";

  private Ranking() {}

  /** One application with its valid scores. */
  record Entry(JsonNode application, String cityCode, BigDecimal meanScore, BigDecimal minScore, int scoreCount,
      int conflictCount, Instant submittedAt) {}

  static final Comparator<Entry> ORDER = Comparator
      .comparing(Entry::meanScore, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(Entry::minScore, Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(Entry::submittedAt, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(Entry::cityCode, Comparator.nullsLast(Comparator.naturalOrder()));

  /**
   * The ranking rows: {rank, cityCode, cityName, meanScore, minScore, scoreCount, conflictCount, submittedAt,
   * applicantType, exceptionJustification, businessKey}, best first.
   */
  static ArrayNode rank(List<JsonNode> applications, List<JsonNode> scores) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode application : applications) {
      String code = JsonVariables.text(application, "cityCode");
      List<BigDecimal> valid = new ArrayList<>();
      int conflicts = 0;
      for (JsonNode score : scores) {
        if (!Objects.equals(code, JsonVariables.text(score, "cityCode"))) {
          continue;
        }
        BigDecimal value = JsonVariables.number(score, "score");
        if (JsonVariables.flag(score, "conflictOfInterest")) {
          conflicts++;
        } else if (value != null) {
          valid.add(value);
        }
      }
      BigDecimal mean = valid.isEmpty() ? null : valid.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
          .divide(BigDecimal.valueOf(valid.size()), 2, RoundingMode.HALF_UP);
      BigDecimal min = valid.stream().min(Comparator.naturalOrder()).orElse(null);
      entries.add(new Entry(application, code, mean, min, valid.size(), conflicts,
          CollectApplications.instant(JsonVariables.text(application, "submittedAt"))));
    }
    entries.sort(ORDER);

    ArrayNode ranking = JsonVariables.array();
    int rank = 0;
    for (Entry entry : entries) {
      ObjectNode row = ranking.addObject();
      row.put("rank", ++rank);
      row.put("cityCode", entry.cityCode());
      row.put("cityName", JsonVariables.text(entry.application(), "cityName"));
      row.put("meanScore", entry.meanScore());
      row.put("minScore", PrepareSchemeTargets.plain(entry.minScore()));
      row.put("scoreCount", entry.scoreCount());
      row.put("conflictCount", entry.conflictCount());
      for (String field : List.of("submittedAt", "applicantType", "exceptionJustification", "businessKey")) {
        row.put(field, JsonVariables.text(entry.application(), field));
      }
    }
    return ranking;
  }

  /** "第1名 沈阳市（平均分 88.50）", or "（无有效评分）" when nobody could score it. */
  static String label(JsonNode row) {
    BigDecimal mean = JsonVariables.number(row, "meanScore");
    return "第" + row.path("rank").asInt() + "名 " + JsonVariables.text(row, "cityName")
        + (mean == null ? "（无有效评分）" : "（平均分 " + mean.setScale(2, RoundingMode.HALF_UP).toPlainString() + "）");
  }
}
