package org.pilotcity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.support.RunningApplication;

/**
 * Each official sees the work of their own applicant unit and department only; the ministry sees all.
 * Proven with the demo users and real joint-meeting tasks of Liaoning and Shaanxi, through the REST
 * API (HTTP Basic) and through the Java API with the same users' authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitIsolationTest {

  static final String PW = DemoUsers.PASSWORD;

  RunningApplication app;
  String liaoningTask;
  String shaanxiTask;
  String shaanxiInstance;

  @BeforeAll
  void startAndConveneOneMeetingPerProvince() {
    app = RunningApplication.start(null, Map.of("spring.datasource.url", "jdbc:h2:mem:isolation;DB_CLOSE_DELAY=-1"));
    String liaoningInstance = convene("lnFinance");
    shaanxiInstance = convene("sxFinance");
    TaskService tasks = app.engine().getTaskService();
    liaoningTask = tasks.createTaskQuery().processInstanceId(liaoningInstance).singleResult().getId();
    shaanxiTask = tasks.createTaskQuery().processInstanceId(shaanxiInstance).singleResult().getId();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @AfterEach
  void clearJavaAuthentication() {
    app.engine().getIdentityService().clearAuthentication();
  }

  private String convene(String user) {
    String planned = LocalDate.now(Deadlines.BEIJING).plusDays(14).toString();
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/jointMeeting/start", user, PW, """
        {"variables": {
          "meetingTopic": {"value": "季度联席会议"},
          "meetingKind": {"value": "REGULAR"},
          "plannedDate": {"value": "%s"},
          "agenda": {"value": "通报试点进展"},
          "invitedDepartments": {"value": "[\\"pbocBranch\\",\\"cbircOffice\\"]", "type": "Json"}}}
        """.formatted(planned));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void instancesBelongToTheConvenersUnit() {
    assertThat(app.engine().getTaskService().createTaskQuery().taskId(liaoningTask).singleResult().getTenantId())
        .isEqualTo("210000");
    assertThat(app.engine().getTaskService().createTaskQuery().taskId(shaanxiTask).singleResult().getTenantId())
        .isEqualTo("610000");
  }

  // ---- REST ----

  @Test
  void restListsOnlyTheUsersOwnUnitsTasks() {
    assertThat(app.get("/engine-rest/task", "lnFinance", PW).body()).contains(liaoningTask).doesNotContain(shaanxiTask);
    assertThat(app.get("/engine-rest/task", "sxFinance", PW).body()).contains(shaanxiTask).doesNotContain(liaoningTask);
    assertThat(app.get("/engine-rest/task", "mofUser", PW).body()).contains(liaoningTask, shaanxiTask);
  }

  @Test
  void restRefusesReadingClaimingAndCompletingAnotherUnitsTask() {
    assertThat(app.get("/engine-rest/task/" + shaanxiTask, "lnFinance", PW).statusCode()).isEqualTo(404);
    assertThat(app.get("/engine-rest/task/" + shaanxiTask + "/variables", "lnFinance", PW).statusCode()).isEqualTo(403);
    assertThat(app.get("/engine-rest/task/" + shaanxiTask + "/form-variables", "lnFinance", PW).statusCode())
        .isEqualTo(403);
    assertThat(app.get("/engine-rest/process-instance/" + shaanxiInstance + "/variables", "lnFinance", PW)
        .statusCode()).isEqualTo(403);
    assertThat(app.post("/engine-rest/task/" + shaanxiTask + "/claim", "lnFinance", PW, "{\"userId\":\"lnFinance\"}")
        .statusCode()).isEqualTo(403);
    assertThat(app.post("/engine-rest/task/" + shaanxiTask + "/complete", "lnFinance", PW,
        "{\"variables\":{\"meetingOutcome\":{\"value\":\"CANCELLED\"},\"cancellationReason\":{\"value\":\"x\"}}}")
        .statusCode()).isEqualTo(403);
    // the Shaanxi task is untouched and still theirs (with the official who convened the meeting)
    assertThat(app.get("/engine-rest/task/" + shaanxiTask, "sxFinance", PW).body()).contains("\"assignee\":\"sxFinance\"");
    assertThat(app.get("/engine-rest/task/" + shaanxiTask + "/variables", "sxFinance", PW).statusCode()).isEqualTo(200);
  }

  @Test
  void restRefusesAnotherDepartmentOfTheSameUnit() {
    assertThat(app.get("/engine-rest/task", "lnPboc", PW).body()).isEqualTo("[]");
    assertThat(app.get("/engine-rest/task/" + liaoningTask + "/variables", "lnPboc", PW).statusCode()).isEqualTo(403);
    assertThat(app.post("/engine-rest/task/" + liaoningTask + "/claim", "lnPboc", PW, "{\"userId\":\"lnPboc\"}")
        .statusCode()).isEqualTo(403);
    // a city finance bureau of the same province sees no provincial work either
    assertThat(app.get("/engine-rest/task", "lnShenyang", PW).body()).isEqualTo("[]");
  }

  @Test
  void aTaskHolderChangesVariablesOnlyByCompletingWithTheFormsFields() {
    // TASK_WORK, not UPDATE: no rewriting of the meeting behind the form's back
    assertThat(app.put("/engine-rest/task/" + liaoningTask + "/variables/meetingTopic", "lnFinance", PW,
        "{\"value\": \"改过的议题\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> foreign = app.post("/engine-rest/task/" + liaoningTask + "/complete", "lnFinance", PW,
        "{\"variables\":{\"meetingOutcome\":{\"value\":\"CANCELLED\"},\"cancellationReason\":{\"value\":\"x\"},"
            + "\"plannedDate\":{\"value\":\"2030-01-01\"}}}");
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(foreign.body()).contains("只能提交本任务表单中的字段", "plannedDate");
    assertThat(app.engine().getTaskService().createTaskQuery().taskId(liaoningTask).count()).isEqualTo(1);
  }

  @Test
  void restRefusesStartingWorkForAnotherUnit() {
    HttpResponse<String> forged = app.post("/engine-rest/process-definition/key/jointMeeting/start", "lnFinance", PW,
        "{\"variables\":{\"applicantUnitCode\":{\"value\":\"610000\"}}}");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("无权为申报单位 610000 发起流程");
  }

  @Test
  void restRefusesBadFormInputWithAClearMessage() {
    HttpResponse<String> bad = app.post("/engine-rest/process-definition/key/jointMeeting/start", "lnFinance", PW,
        "{\"variables\":{\"meetingTopic\":{\"value\":\"\"}}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("会议议题：必须填写", "计划召开日期：必须填写");
  }

  @Test
  void ministrySeesEveryUnitsVariables() {
    assertThat(app.get("/engine-rest/task/" + liaoningTask + "/variables", "mofUser", PW).statusCode()).isEqualTo(200);
    assertThat(app.get("/engine-rest/process-instance/" + shaanxiInstance + "/variables", "mofUser", PW).body())
        .contains("季度联席会议");
  }

  // ---- Java API ----

  @Test
  void javaApiRefusesAnotherUnitsTask() {
    ProcessEngine engine = app.engine();
    authenticateAs("lnFinance");
    TaskService tasks = engine.getTaskService();
    assertThat(tasks.createTaskQuery().list()).extracting(Task::getId).containsExactly(liaoningTask);
    assertThat(tasks.createTaskQuery().taskId(shaanxiTask).count()).isZero();
    assertThatThrownBy(() -> tasks.getVariables(shaanxiTask)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("ENGINE-13034");
    assertThatThrownBy(() -> tasks.claim(shaanxiTask, "lnFinance")).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("ENGINE-13034");
    assertThatThrownBy(() -> tasks.complete(shaanxiTask, Map.of("meetingOutcome", "CANCELLED")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("ENGINE-13034");
    assertThatThrownBy(() -> engine.getRuntimeService().getVariables(shaanxiInstance))
        .isInstanceOf(ProcessEngineException.class);
    assertThat(tasks.getVariables(liaoningTask)).containsEntry("meetingTopic", "季度联席会议");
  }

  @Test
  void javaApiRefusesAnotherDepartment() {
    authenticateAs("lnPboc");
    TaskService tasks = app.engine().getTaskService();
    assertThat(tasks.createTaskQuery().count()).isZero();
    assertThatThrownBy(() -> tasks.claim(liaoningTask, "lnPboc")).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> tasks.getVariables(liaoningTask)).isInstanceOf(AuthorizationException.class);
  }

  @Test
  void javaApiMinistrySeesAllUnits() {
    authenticateAs("mofUser");
    assertThat(app.engine().getTaskService().createTaskQuery().list()).extracting(Task::getId)
        .contains(liaoningTask, shaanxiTask);
  }

  /** Authenticates like the REST filter and the webapps do: the user's groups and tenants. */
  private void authenticateAs(String userId) {
    IdentityService identity = app.engine().getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
        .map(t -> t.getId()).toList();
    identity.setAuthentication(userId, groups, tenants);
  }
}
