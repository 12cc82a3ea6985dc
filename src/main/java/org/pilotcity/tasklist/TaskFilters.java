package org.pilotcity.tasklist;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The saved Tasklist filters every user has from the first start, in this order: my tasks, my
 * department's open tasks, due within 7 days, overdue — each sorted by due date — and the escalations
 * (逾期督办) that managers receive when a deadline passes, and the warnings about lagging pilots (进度滞后预警). They are shared
 * with everyone (global READ); what each user sees in them is still limited by authorizations and
 * tenants. Filters are found again by name, so a restart creates none twice.
 */
@Component
public class TaskFilters extends AbstractCamundaConfiguration {

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    seed(engine);
  }

  public void seed(ProcessEngine engine) {
    TaskService tasks = engine.getTaskService();
    ensure(engine, "我的待办", 10, "#2a6ebb", "分配给我的任务",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    ensure(engine, "本部门待办", 20, "#3c8d40", "本部门（我所在的组）可以认领的任务",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").orderByDueDate().asc());
    ensure(engine, "即将到期", 30, "#e59c00", "7天内到期的任务",
        tasks.createTaskQuery().dueAfterExpression("${now()}")
            .dueBeforeExpression("${dateTime().plusDays(7).toDate()}").orderByDueDate().asc());
    ensure(engine, "已逾期", 40, "#c9302c", "已超过截止时间仍未办结的任务",
        tasks.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc());
    ensure(engine, "逾期督办", 50, "#8e44ad", "环节逾期后交给管理部门的督办任务",
        tasks.createTaskQuery().taskDefinitionKeyLike(ESCALATION_TASK_PREFIX + "%").orderByTaskCreateTime().asc());
    ensure(engine, "进度滞后预警", 60, "#d35400", "季度动态监测判定进度滞后的试点城市，由省级财政部门督促",
        tasks.createTaskQuery().taskDefinitionKey(LAGGING_PILOT_TASK).orderByTaskCreateTime().asc());
  }

  /** The warning task of the quarterly monitoring when a pilot lags behind its plan. */
  public static final String LAGGING_PILOT_TASK = "respondToLaggingPilot";

  /** Escalation tasks of the models are named escalate…, so one filter finds them all. */
  public static final String ESCALATION_TASK_PREFIX = "escalate";

  private static void ensure(ProcessEngine engine, String name, int priority, String color, String description,
      TaskQuery query) {
    FilterService filters = engine.getFilterService();
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(Map.of(
        "priority", priority,
        "color", color,
        "description", description,
        "refresh", true,
        "variables", List.of(
            Map.of("name", "applicantUnitName", "label", "申报单位"),
            Map.of("name", "cityName", "label", "城市"),
            Map.of("name", "programYear", "label", "年度"))));
    filters.saveFilter(filter);
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    everyone.setUserId(Authorization.ANY);
    everyone.setResource(Resources.FILTER);
    everyone.setResourceId(filter.getId());
    everyone.addPermission(Permissions.READ);
    authorizations.saveAuthorization(everyone);
  }
}
