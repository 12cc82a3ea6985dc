package org.pilotcity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.support.RunningApplication;

/**
 * The Cockpit deadline plugin: the application serves its own {@code app/cockpit/scripts/config.js}
 * (not the webjar's), which loads the plugin and the Chinese locale, and serves the plugin where Cockpit
 * looks for it. The plugin's requests work through a Cockpit session (the CSRF header on POSTs) and
 * show each manager only what they may read: Liaoning's provincial finance sees Liaoning's deadline, not
 * Shaanxi's; the ministry sees both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitDeadlinesPluginTest {

  static final String COCKPIT = "/camunda/app/cockpit/";
  static final String ENGINE = "/camunda/api/engine/engine/default";
  static final ObjectMapper JSON = new ObjectMapper();

  RunningApplication app;
  final List<String> tasks = new ArrayList<>();

  @BeforeAll
  void startWithTwoDeadlines() {
    app = RunningApplication.start(null,
        Map.of("spring.datasource.url", "jdbc:h2:mem:cockpit-plugin;DB_CLOSE_DELAY=-1"));
    Date overdue = Date.from(Instant.now().minus(3, ChronoUnit.DAYS));
    Date soon = Date.from(Instant.now().plus(5, ChronoUnit.DAYS));
    tasks.add(deadlineTask("辽宁省制定评审方案", "210000", overdue));
    tasks.add(deadlineTask("陕西省制定评审方案", "610000", soon));
    tasks.add(deadlineTask("辽宁省无截止期限", "210000", null));
  }

  @AfterAll
  void stop() {
    TaskService taskService = app.engine().getTaskService();
    tasks.forEach(id -> taskService.deleteTask(id, true));
    app.close();
  }

  @Test
  void cockpitConfigIsOursAndLoadsThePluginAndTheChineseLocale() {
    HttpResponse<String> config = app.get(COCKPIT + "scripts/config.js");

    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    String js = config.body();
    assertThat(js).contains("export default {");
    assertThat(js).contains("customScripts: ['scripts/custom/deadlines.js']");
    assertThat(js).containsPattern("locales: \\{\\s*availableLocales: \\['en', 'zh'\\],\\s*fallbackLocale: 'en'\\s*\\}");
  }

  @Test
  void thePluginIsServedWhereCockpitLooksForIt() {
    // Cockpit 7.24 imports each customScripts entry relative to app/cockpit/
    HttpResponse<String> plugin = app.get(COCKPIT + "scripts/custom/deadlines.js");

    assertThat(plugin.statusCode()).isEqualTo(200);
    assertThat(plugin.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(plugin.body())
        .contains("export default [")
        .contains("pluginPoint: 'cockpit.dashboard'")
        .contains("render: (node, { api })")
        .contains("api.engineApi")
        .contains("'X-XSRF-TOKEN'")
        .contains("截止期限一览");
  }

  @Test
  void throughItsCockpitSessionAProvinceSeesOnlyItsOwnDeadlines() throws Exception {
    Session liaoning = Session.login(app, "lnFinance", "demo");

    JsonNode visible = liaoning.getJson(ENGINE + "/task?dueAfter=" + enc("1970-01-02T00:00:00.000+0000")
        + "&sortBy=dueDate&sortOrder=asc&maxResults=500");
    assertThat(visible.findValuesAsText("name")).containsExactly("辽宁省制定评审方案");
    assertThat(visible.get(0).get("tenantId").asText()).isEqualTo("210000");

    // the responsible department and the unit's name, as the plugin reads them
    JsonNode links = liaoning.getJson(ENGINE + "/task/" + visible.get(0).get("id").asText() + "/identity-links");
    assertThat(links.findValuesAsText("groupId")).contains("provincialFinance");
    assertThat(liaoning.getJson(ENGINE + "/group?idIn=provincialFinance").findValuesAsText("name"))
        .containsExactly("省级财政部门");
    assertThat(liaoning.getJson(ENGINE + "/tenant?maxResults=1000").findValuesAsText("name")).containsExactly("辽宁省");

    // the variable query is a POST: it works with the session's CSRF token and is refused without it
    String query = "{\"processInstanceIdIn\":[\"none\"],\"variableName\":\"cityName\"}";
    assertThat(liaoning.post(ENGINE + "/variable-instance?deserializeValues=false", query, true).statusCode())
        .isEqualTo(200);
    assertThat(liaoning.post(ENGINE + "/variable-instance?deserializeValues=false", query, false).statusCode())
        .isEqualTo(403);
  }

  @Test
  void theMinistrySeesEveryUnitsDeadlinesMostUrgentFirst() throws Exception {
    Session ministry = Session.login(app, "mofUser", "demo");

    JsonNode visible = ministry.getJson(ENGINE + "/task?dueAfter=" + enc("1970-01-02T00:00:00.000+0000")
        + "&sortBy=dueDate&sortOrder=asc&maxResults=500");
    assertThat(visible.findValuesAsText("name")).containsExactly("辽宁省制定评审方案", "陕西省制定评审方案");
  }

  private String deadlineTask(String name, String unit, Date due) {
    TaskService taskService = app.engine().getTaskService();
    Task task = taskService.newTask();
    task.setName(name);
    task.setTenantId(unit);
    task.setDueDate(due);
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), "provincialFinance");
    return task.getId();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A browser-like Cockpit session: cookies, login form, CSRF token from the XSRF-TOKEN cookie. */
  private record Session(HttpClient http, CookieManager cookies, String base) {

    static Session login(RunningApplication app, String user, String password) throws Exception {
      CookieManager cookies = new CookieManager();
      HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
      Session session = new Session(http, cookies, "http://127.0.0.1:" + app.port());
      session.send(HttpRequest.newBuilder(session.uri(COCKPIT + "default/")).GET()); // gets the CSRF cookie
      HttpResponse<String> login = session.send(HttpRequest.newBuilder(
              session.uri("/camunda/api/admin/auth/user/default/login/cockpit"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", session.csrfToken())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password))));
      assertThat(login.statusCode()).as("Cockpit login of %s: %s", user, login.body()).isEqualTo(200);
      return session;
    }

    JsonNode getJson(String path) throws Exception {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String json, boolean withCsrfHeader) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
      if (withCsrfHeader) {
        request.header("X-XSRF-TOKEN", csrfToken());
      }
      return send(request);
    }

    String csrfToken() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).reduce((first, last) -> last).orElseThrow();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
      return URI.create(base + path);
    }
  }
}
