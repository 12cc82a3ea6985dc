package org.pilotcity.application;

import static org.pilotcity.application.ApplicationOptions.APPLICANT_TYPES;
import static org.pilotcity.application.ApplicationOptions.FUNDING_LEVELS;
import static org.pilotcity.application.ApplicationOptions.LATE;
import static org.pilotcity.application.ApplicationOptions.PILOT_SELECTION_KEY;
import static org.pilotcity.application.ApplicationOptions.PROCESS_KEY;
import static org.pilotcity.application.ApplicationOptions.REGISTERED;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.organization.Organization;
import org.pilotcity.rules.Indicator;
import org.pilotcity.rules.IndicatorCatalogue;
import org.springframework.stereotype.Component;

/**
 * Registers a city's application (登记申报意向) before the instance exists; a refusal creates nothing.
 *
 * <p>The city is the starting official's city group ({@code city} + 6-digit code, named after the
 * city's finance bureau). The application must belong to a running selection of the official's applicant
 * unit for that year and funding level, the window (until the end of {@code applicationDue}, Beijing time)
 * must be open, and the city may not have applied already that year. The instance is keyed
 * {@code programYear-fundingLevel-cityCode} and starts with one empty target per catalogue indicator.
 */
@Component("registerCityApplication")
public class RegisterCityApplication implements ExecutionListener {

  static final Pattern CITY_GROUP = Pattern.compile("city(\\d{6})");
  private static final Pattern BUREAU_SUFFIX = Pattern.compile("(财政局|财政部门)$");
  static final List<String> CALENDAR_VARIABLES = List.of("schemeDue", "applicationDue", "submissionDue");

  private final Deadlines deadlines;
  private final Organization organization;
  private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

  public RegisterCityApplication(Deadlines deadlines, Organization organization) {
    this.deadlines = deadlines;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ProcessEngineServices services = execution.getProcessEngineServices();
    Group city = cityOfStartingUser(services);
    String cityCode = cityCode(city);

    FormErrors errors = FormErrors.of(execution)
        .choice("fundingLevel", "试点类别", FUNDING_LEVELS)
        .choice("applicantType", "申报主体类型", APPLICANT_TYPES);
    Integer year = programYear(execution.getVariable("programYear"));
    errors.require(year != null, "年度：请填写四位数年份，如2027（收到“"
        + (execution.getVariable("programYear") == null ? "" : execution.getVariable("programYear")) + "”）");
    errors.throwIfAny();

    String fundingLevel = (String) execution.getVariable("fundingLevel");
    String unitCode = execution.getTenantId();
    if (unitCode == null) {
      throw new BadUserRequestException("无法确定申报单位：您的账号须属于且只属于一个申报单位，请联系管理员。");
    }
    String what = unitName(unitCode) + year + "年度（" + FUNDING_LEVELS.get(fundingLevel) + "）";
    String applicationKey = ApplicationOptions.applicationKey(year, fundingLevel, cityCode);

    Map<String, Object> calendar =
        AsProgram.call(() -> selectionCalendar(services, year, fundingLevel, unitCode, what));
    Object applicationDue = calendar.get("applicationDue");
    Date now = ClockUtil.getCurrentTime();
    if (!now.before(deadlines.afterDeadline(applicationDue))) {
      throw new BadUserRequestException(String.format(
          "%s试点城市申报已于%s（北京时间当日24时）截止，不能再申报。", what, Deadlines.toLocalDate(applicationDue)));
    }
    AsProgram.call(() -> {
      refuseDuplicate(services.getHistoryService(), applicationKey, execution.getProcessInstanceId());
      return null;
    });
    List<Indicator> indicators = AsProgram.call(() -> catalogue.load(services.getRepositoryService()).indicators());

    execution.setProcessBusinessKey(applicationKey);
    execution.setVariable("programYear", year);
    execution.setVariable("cityCode", cityCode);
    execution.setVariable("cityName", cityName(city));
    execution.setVariable("cityGroup", city.getId());
    calendar.forEach(execution::setVariable);
    execution.setVariable("applicationStatus", REGISTERED);
    execution.setVariable("planSubmitted", false);
    execution.setVariable("exceptionJustified", false);
    execution.setVariable(IndicatorTargets.VARIABLE, IndicatorTargets.blank(indicators));
    execution.setVariable(IndicatorTargets.SNAPSHOT, IndicatorTargets.snapshot(indicators));
  }

  /** The one city group of the authenticated official, read from the identity (names are not in the session). */
  private static Group cityOfStartingUser(ProcessEngineServices services) {
    Authentication authentication = Context.getCommandContext().getAuthentication();
    String userId = authentication == null ? null : authentication.getUserId();
    if (userId == null) {
      throw new BadUserRequestException(
          "您的账号未关联到一个城市：试点城市申报须由城市财政部门的工作人员登录后发起。");
    }
    List<Group> cities = AsProgram.call(() -> services.getIdentityService().createGroupQuery()
        .groupMember(userId).list()).stream()
        .filter(g -> CITY_GROUP.matcher(g.getId()).matches())
        .toList();
    if (cities.size() != 1) {
      throw new BadUserRequestException(String.format(
          "您的账号未关联到一个城市（用户 %s 须属于且只属于一个城市用户组，现属于%d个）：试点城市申报须由城市财政部门的工作人员发起，请联系管理员。",
          userId, cities.size()));
    }
    return cities.get(0);
  }

  private static String cityCode(Group city) {
    Matcher m = CITY_GROUP.matcher(city.getId());
    if (!m.matches()) {
      throw new IllegalStateException(city.getId());
    }
    return m.group(1);
  }

  /** 沈阳市财政局 → 沈阳市. */
  static String cityName(Group city) {
    String name = city.getName() == null || city.getName().isBlank() ? city.getId() : city.getName().trim();
    String stripped = BUREAU_SUFFIX.matcher(name).replaceFirst("");
    return stripped.isEmpty() ? name : stripped;
  }

  private String unitName(String unitCode) {
    return organization.unit(unitCode).map(ApplicantUnit::nameZh).orElse(unitCode);
  }

  /** A whole year from a number field (Integer, Long, Double 2027.0) or text "2027"; null otherwise. */
  static Integer programYear(Object value) {
    try {
      BigDecimal year;
      if (value instanceof Number number) {
        year = new BigDecimal(number.toString());
      } else if (value instanceof String text && !text.isBlank()) {
        year = new BigDecimal(text.trim());
      } else {
        return null;
      }
      int whole = year.intValueExact();
      return whole >= 1000 && whole <= 9999 ? whole : null;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** The running selection's deadlines; refuses when there is no such selection. */
  private static Map<String, Object> selectionCalendar(ProcessEngineServices services, int year, String fundingLevel,
      String unitCode, String what) {
    String selectionKey = ApplicationOptions.selectionKey(year, fundingLevel, unitCode);
    List<ProcessInstance> selections = services.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PILOT_SELECTION_KEY).processInstanceBusinessKey(selectionKey).list();
    if (selections.isEmpty()) {
      throw new BadUserRequestException(String.format(
          "%s试点城市遴选未在进行中（遴选编号%s），不能申报：请在省级财政部门启动本年度遴选后、申报截止前申报。",
          what, selectionKey));
    }
    Map<String, Object> calendar = services.getRuntimeService()
        .getVariables(selections.get(0).getId(), CALENDAR_VARIABLES);
    if (calendar.get("applicationDue") == null) {
      throw new IllegalStateException("遴选 " + selectionKey + " 没有申报截止日（applicationDue）");
    }
    return calendar;
  }

  /** Running, or ended other than late: the city has applied for this year and level. */
  private static void refuseDuplicate(HistoryService history, String applicationKey, String currentInstanceId) {
    for (HistoricProcessInstance earlier : history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(applicationKey).list()) {
      if (earlier.getId().equals(currentInstanceId)) {
        continue;
      }
      String state = earlier.getState();
      boolean running = HistoricProcessInstance.STATE_ACTIVE.equals(state)
          || HistoricProcessInstance.STATE_SUSPENDED.equals(state);
      boolean counted = running || (HistoricProcessInstance.STATE_COMPLETED.equals(state)
          && !LATE.equals(status(history, earlier.getId())));
      if (counted) {
        throw new BadUserRequestException(String.format(
            "该城市本年度已申报（申报编号%s，%s），同一城市一年只能申报一次。",
            applicationKey, running ? "正在办理中" : "已办结"));
      }
    }
  }

  private static Object status(HistoryService history, String processInstanceId) {
    HistoricVariableInstance status = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName("applicationStatus").singleResult();
    return status == null ? null : status.getValue();
  }
}
