package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.organization.OrganizationSeeder;
import org.pilotcity.support.RunningApplication;
import org.pilotcity.tasklist.TaskFilters;

/**
 * What must hold for the whole application on any database: it starts, deploys every model and
 * form, seeds the organization, keeps REST closed, and a restart changes nothing. The application is
 * started, stopped and started again on the same database before the checks run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApplicationStartupContract {

  static final List<String> IDENTITY_TABLES = List.of("ACT_ID_USER", "ACT_ID_GROUP", "ACT_ID_TENANT",
      "ACT_ID_MEMBERSHIP", "ACT_ID_TENANT_MEMBER", "ACT_RU_FILTER", "ACT_RU_AUTHORIZATION", "ACT_RE_DEPLOYMENT",
      "ACT_RE_PROCDEF", "ACT_RE_CAMFORMDEF");

  RunningApplication app;
  Map<String, Long> afterFirstStart;

  abstract String profile();

  abstract Map<String, String> properties();

  /** The administrator configured for this run: id and password. */
  abstract String[] administrator();

  @BeforeAll
  void startStopAndStartAgain() {
    try (RunningApplication first = RunningApplication.start(profile(), properties())) {
      afterFirstStart = rowCounts(first);
    }
    app = RunningApplication.start(profile(), properties());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void restartCreatesNoDuplicates() {
    assertThat(rowCounts(app)).isEqualTo(afterFirstStart);
  }

  @Test
  void seedingAgainChangesNothing() {
    Map<String, Long> before = rowCounts(app);
    app.bean(OrganizationSeeder.class).seed(app.engine());
    app.bean(TaskFilters.class).seed(app.engine());
    if (expectsDemoUsers()) {
      app.bean(DemoUsers.class).seed(app.engine());
    }
    assertThat(rowCounts(app)).isEqualTo(before);
  }

  @Test
  void deploysEveryModelAndFormOfTheRepository() throws IOException {
    Set<String> expected;
    try (Stream<Path> files = Stream.concat(Files.walk(Paths.get("processes")), Files.walk(Paths.get("forms")))) {
      expected = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".bpmn") || n.endsWith(".dmn") || n.endsWith(".form"))
          .collect(Collectors.toSet());
    }
    assertThat(expected).contains("jointMeeting.bpmn", "conveneJointMeeting.form", "recordMeetingMinutes.form");

    ProcessEngine engine = app.engine();
    Set<String> deployed = engine.getRepositoryService().createDeploymentQuery().list().stream()
        .flatMap(d -> engine.getRepositoryService().getDeploymentResources(d.getId()).stream())
        .map(Resource::getName).map(n -> Paths.get(n).getFileName().toString())
        .collect(Collectors.toSet());
    assertThat(deployed).containsAll(expected);
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("jointMeeting")
        .latestVersion().singleResult().getName()).isEqualTo("联席会议");
  }

  @Test
  void everyApplicantUnitAndTheMinistryIsATenantSeenByTheMinistryGroup() {
    IdentityService identity = app.engine().getIdentityService();
    assertThat(identity.createTenantQuery().count()).isEqualTo(37);
    assertThat(identity.createTenantQuery().tenantId("210000").singleResult().getName()).isEqualTo("辽宁省");
    assertThat(identity.createTenantQuery().tenantId("210200").singleResult().getName()).isEqualTo("大连市");
    assertThat(identity.createTenantQuery().tenantId("mof").singleResult().getName()).isEqualTo("财政部");
    assertThat(identity.createTenantQuery().groupMember("mof").list()).extracting(Tenant::getId)
        .hasSize(37).contains("650000", "440300", "mof");
  }

  @Test
  void departmentsAreGroupsWithChineseNames() {
    Map<String, String> groups = app.engine().getIdentityService().createGroupQuery().list().stream()
        .filter(g -> !"CITY".equals(g.getType()))
        .collect(Collectors.toMap(g -> g.getId(), g -> g.getName()));
    assertThat(groups).containsEntry("provincialFinance", "省级财政部门")
        .containsEntry("localFinancialRegulator", "地方金融监管部门").containsEntry("scienceTech", "科技部门")
        .containsEntry("industryIt", "工业和信息化部门").containsEntry("pbocBranch", "人民银行分支机构")
        .containsEntry("cbircOffice", "银保监部门").containsEntry("cityFinance", "市财政部门")
        .containsEntry("reviewPanel", "评审专家组").containsEntry("mofLocalBureau", "财政部当地监管局")
        .containsEntry("mof", "财政部").containsEntry("camunda-admin", "系统管理员").hasSize(11);
  }

  @Test
  void authorizationAndTenantChecksAreOn() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) app.engine().getProcessEngineConfiguration();
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
    assertThat(configuration.isTenantCheckEnabled()).isTrue();
  }

  @Test
  void restApiNeedsBasicAuthentication() {
    String[] admin = administrator();
    assertThat(app.get("/engine-rest/task", admin[0], admin[1]).statusCode()).isEqualTo(200);
    assertThat(app.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(app.get("/engine-rest/deployment").statusCode()).isEqualTo(401);
    assertThat(app.get("/engine-rest/user").statusCode()).isEqualTo(401);
    assertThat(app.get("/engine-rest/task", "nobody", "nothing").statusCode()).isEqualTo(401);
    // last: a failed login makes the engine refuse that user for a few seconds (brute-force delay)
    assertThat(app.get("/engine-rest/task", admin[0], admin[1] + "-wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void healthIsTheOnlyThingOpenWithoutLogin() {
    var health = app.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(app.get("/actuator/env").statusCode()).isIn(401, 403, 404);
    assertThat(app.get("/actuator/beans").statusCode()).isIn(401, 403, 404);
    // the webapps' own API answers only to a logged-in session
    assertThat(app.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
    assertThat(app.get("/camunda/api/admin/auth/user/default").statusCode()).isIn(401, 404);
  }

  @Test
  void everyUserHasTheSharedTaskFiltersInOrder() {
    ProcessEngine engine = app.engine();
    List<Filter> filters = engine.getFilterService().createFilterQuery().list().stream()
        .sorted((a, b) -> Integer.compare((Integer) a.getProperties().get("priority"),
            (Integer) b.getProperties().get("priority")))
        .toList();
    assertThat(filters).extracting(Filter::getName).containsExactly("我的待办", "本部门待办", "即将到期", "已逾期", "逾期督办",
        "进度滞后预警");
    for (Filter filter : filters) {
      Authorization global = engine.getAuthorizationService().createAuthorizationQuery()
          .resourceType(Resources.FILTER).resourceId(filter.getId())
          .authorizationType(Authorization.AUTH_TYPE_GLOBAL).singleResult();
      assertThat(global).as("global READ on filter %s", filter.getName()).isNotNull();
      assertThat(global.isPermissionGranted(Permissions.READ)).isTrue();
    }
  }

  abstract boolean expectsDemoUsers();

  static Map<String, Long> rowCounts(RunningApplication app) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : IDENTITY_TABLES) {
      counts.put(table, app.jdbc().queryForObject("select count(*) from " + table, Long.class));
    }
    return counts;
  }
}
