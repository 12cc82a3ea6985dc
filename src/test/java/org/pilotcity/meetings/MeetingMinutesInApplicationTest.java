package org.pilotcity.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.support.RunningApplication;

/**
 * The minutes of a unit's joint meeting in the running application, through the REST API with the demo
 * officials and the shipped grants: every member department of Liaoning reads them (its 阅知 task and the
 * meeting's history); nobody of another unit, no city and no review panel sees the meeting at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingMinutesInApplicationTest {

  static final String PW = DemoUsers.PASSWORD;
  static final String MINUTES = "会议通报了沈阳、鞍山试点进展，议定各部门按季度报送监测数据。";
  static final List<String> LIAONING_MEMBERS = List.of("lnFinance", "lnRegulator", "lnScience", "lnIndustry", "lnPboc",
      "lnCbirc", "lnBureau");
  static final ObjectMapper JSON = new ObjectMapper();

  RunningApplication app;
  String meeting;

  @BeforeAll
  void theLiaoningPbocBranchConvenesAndHoldsAMeeting() throws Exception {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:meeting-minutes;DB_CLOSE_DELAY=-1"));
    String today = LocalDate.now(Deadlines.BEIJING).toString();
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/jointMeeting/start", "lnPboc", PW, """
        {"variables": {
          "meetingTopic": {"value": "试点推进专题会"},
          "plannedDate": {"value": "%s"},
          "agenda": {"value": "通报试点进展，研究季度监测安排"},
          "invitedDepartments": {"value": "[\\"provincialFinance\\",\\"cbircOffice\\"]", "type": "Json"}}}
        """.formatted(today));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    meeting = JSON.readTree(started.body()).get("id").asText();

    // the convener holds it: the record task is the convener's own
    JsonNode hold = single(tasks("lnPboc"));
    assertThat(hold.get("taskDefinitionKey").asText()).isEqualTo("holdMeeting");
    assertThat(hold.get("assignee").asText()).isEqualTo("lnPboc");
    HttpResponse<String> held = app.post("/engine-rest/task/" + hold.get("id").asText() + "/submit-form", "lnPboc", PW, """
        {"variables": {
          "meetingOutcome": {"value": "HELD"},
          "meetingDate": {"value": "%s"},
          "attendees": {"value": "省财政厅、人民银行沈阳分行、辽宁银保监局"},
          "minutes": {"value": "%s"}}}
        """.formatted(today, MINUTES));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(204);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void everyMemberDepartmentOfTheUnitGetsTheMinutesToRead() throws Exception {
    for (String official : LIAONING_MEMBERS) {
      JsonNode read = single(tasks(official));
      assertThat(read.get("taskDefinitionKey").asText()).as(official).isEqualTo("readMeetingMinutes");
      HttpResponse<String> minutes = app.get("/engine-rest/task/" + read.get("id").asText() + "/variables/minutes",
          official, PW);
      assertThat(minutes.statusCode()).as(official).isEqualTo(200);
      assertThat(JSON.readTree(minutes.body()).get("value").asText()).isEqualTo(MINUTES);
      assertThat(historicMinutes(official)).as(official).hasSize(1);
    }
  }

  @Test
  void noOtherUnitNoCityAndNoReviewPanelSeesTheMeeting() throws Exception {
    for (String outsider : List.of("sxFinance", "sxPboc", "sxBureau", "dlFinance", "lnShenyang", "lnReviewer")) {
      assertThat(tasks(outsider)).as(outsider).isEmpty();
      assertThat(historicMinutes(outsider)).as(outsider).isEmpty();
      assertThat(app.get("/engine-rest/process-instance/" + meeting + "/variables/minutes", outsider, PW).statusCode())
          .as(outsider).isIn(403, 404);
    }
  }

  private List<JsonNode> tasks(String user) throws Exception {
    return list(app.get("/engine-rest/task?processInstanceId=" + meeting, user, PW));
  }

  private List<JsonNode> historicMinutes(String user) throws Exception {
    return list(app.get("/engine-rest/history/variable-instance?variableName=minutes&processInstanceId=" + meeting,
        user, PW));
  }

  private static List<JsonNode> list(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> nodes = new ArrayList<>();
    JSON.readTree(response.body()).forEach(nodes::add);
    return nodes;
  }

  private static JsonNode single(List<JsonNode> nodes) {
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }
}
