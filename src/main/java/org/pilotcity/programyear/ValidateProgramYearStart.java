package org.pilotcity.programyear;

import static org.pilotcity.programyear.ProgramYearVariables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Checks a program year before it exists (start form or REST) and prepares it: the year must be open
 * ({@code programTerm}), not started before for the same level (and unit), and its scheme deadline must
 * not have passed unless the year is recorded after the fact. Sets the business key, the deadlines of
 * {@code programCalendar} as ISO dates and the applicant units the selections run for. A refusal throws
 * {@link BadUserRequestException} with a Chinese message, and nothing is created.
 */
@Component("validateProgramYearStart")
public class ValidateProgramYearStart implements ExecutionListener {

  /** States of an earlier instance that block a second one; a cancelled year may be started again. */
  static final String MINISTRY_GROUP = "mof";

  private static final Set<String> BLOCKING_STATES = Set.of(HistoricProcessInstance.STATE_ACTIVE,
      HistoricProcessInstance.STATE_SUSPENDED, HistoricProcessInstance.STATE_COMPLETED);

  private final Organization organization;
  private final Deadlines deadlines = new Deadlines();

  public ValidateProgramYearStart(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateExecution execution) {
    FormErrors errors = FormErrors.of(execution);
    Integer year = programYear(execution, errors);
    errors.choice(FUNDING_LEVEL, "资金层级", FUNDING_LEVELS);
    String level = String.valueOf(execution.getVariable(FUNDING_LEVEL));
    Boolean historical = historicalRecord(execution, errors);
    String unitCode = text(execution.getVariable(APPLICANT_UNIT_CODE));
    Optional<ApplicantUnit> unit = Optional.empty();
    if (PROVINCIAL.equals(level)) {
      if (unitCode == null) {
        errors.require(false, "申报单位代码：省级试点必须填写本单位的6位行政区划代码（如陕西省 610000）");
      } else {
        unit = organization.unit(unitCode);
        errors.require(unit.isPresent(), "申报单位代码：“" + unitCode
            + "”不是36个申报单位（省、自治区、直辖市、计划单列市）之一");
      }
    } else if (CENTRAL.equals(level)) {
      errors.require(unitCode == null,
          "申报单位代码：中央财政试点覆盖全部36个申报单位，不填写申报单位代码（收到“" + unitCode + "”）");
      String tenant = execution.getTenantId();
      errors.require(byMinistry() && (tenant == null || Organization.MINISTRY_TENANT.equals(tenant)),
          "中央财政试点年度只能由财政部启动；省级财政部门请选择“省级试点”");
    }
    errors.throwIfAny();

    String title = year + "年度" + FUNDING_LEVELS.get(level) + "工作" + unit.map(u -> "（" + u.nameZh() + "）").orElse("");
    ProgramRules rules = new ProgramRules(execution.getProcessEngineServices().getDecisionService());
    Map<String, Object> term = rules.term(year, level);
    if (!Boolean.TRUE.equals(term.get("open"))) {
      throw new BadUserRequestException(title + "不能启动：" + term.get("reason"));
    }

    String businessKey = businessKey(year, level, unitCode);
    refuseIfStartedBefore(execution, businessKey, title);

    Map<String, Object> calendar = rules.calendar(year);
    LocalDate schemeDue = Deadlines.tableDay(calendar.get(SCHEME_DUE));
    Date now = ClockUtil.getCurrentTime();
    boolean schemeDuePassed = !now.before(deadlines.afterDeadline(schemeDue));
    if (schemeDuePassed && !historical) {
      throw new BadUserRequestException(title + "不能启动：" + year + "年度评审方案截止日（" + schemeDue
          + "）已过；如需补录历史年度，请勾选“历史年度补录”");
    }
    if (!schemeDuePassed && historical) {
      throw new BadUserRequestException(title + "不能作为历史年度补录：" + year + "年度评审方案截止日（" + schemeDue
          + "）尚未到，请取消勾选“历史年度补录”，按时间表正常开展");
    }

    execution.setProcessBusinessKey(businessKey);
    execution.setVariable(PROGRAM_YEAR, year);
    execution.setVariable(HISTORICAL_RECORD, historical);
    for (String due : List.of(SCHEME_DUE, APPLICATION_DUE, SUBMISSION_DUE, EVALUATION_DUE)) {
      execution.setVariable(due, Deadlines.tableDay(calendar.get(due)).toString());
    }
    ArrayList<String> units = new ArrayList<>();
    if (CENTRAL.equals(level)) {
      execution.removeVariable(APPLICANT_UNIT_CODE);
      organization.units().forEach(u -> units.add(u.code()));
    } else {
      ApplicantUnit own = unit.orElseThrow();
      execution.setVariable(APPLICANT_UNIT_CODE, own.code());
      execution.setVariable(APPLICANT_UNIT_NAME, own.nameZh());
      units.add(own.code());
    }
    // JSON, so that Cockpit shows it and no Java serialization is needed; the multi-instance iterates it
    execution.setVariable(APPLICANT_UNITS,
        Variables.objectValue(units).serializationDataFormat(SerializationDataFormats.JSON).create());
  }

  private void refuseIfStartedBefore(DelegateExecution execution, String businessKey, String title) {
    List<HistoricProcessInstance> earlier = AsProgram.call(() -> execution.getProcessEngineServices()
        .getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(businessKey).list());
    earlier.stream()
        .filter(p -> !p.getId().equals(execution.getProcessInstanceId()))
        .filter(p -> BLOCKING_STATES.contains(p.getState()))
        .findFirst()
        .ifPresent(p -> {
          throw new BadUserRequestException(title + "不能重复启动：已有同一年度、同一资金层级的实例（业务键 " + businessKey
              + "，" + (p.getEndTime() == null ? "进行中" : "已办结") + "，启动于 "
              + p.getStartTime().toInstant().atZone(Deadlines.BEIJING).toLocalDate() + "）");
        });
  }

  /** A ministry official (or an administrator, or the engine itself with nobody logged in). */
  private static boolean byMinistry() {
    Authentication auth = Context.getCommandContext().getAuthentication();
    if (auth == null) {
      return true;
    }
    List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    List<String> tenants = auth.getTenantIds() == null ? List.of() : auth.getTenantIds();
    return groups.contains(MINISTRY_GROUP) || groups.contains(Organization.ADMIN_GROUP)
        || tenants.contains(Organization.MINISTRY_TENANT);
  }

  private static Integer programYear(DelegateExecution execution, FormErrors errors) {
    Object value = execution.getVariable(PROGRAM_YEAR);
    Integer year = null;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      year = n.intValue();
    } else if (value instanceof String s && s.trim().matches("\\d{4}")) {
      year = Integer.valueOf(s.trim());
    }
    if (year == null) {
      errors.require(false, "年度：必须填写四位数的年度，如 2027（收到“" + (value == null ? "" : value) + "”）");
    } else if (year < FIRST_YEAR || year > LAST_YEAR) {
      errors.require(false, "年度：必须在" + FIRST_YEAR + "—" + LAST_YEAR + "之间（收到" + year + "）");
      year = null;
    }
    return year;
  }

  private static Boolean historicalRecord(DelegateExecution execution, FormErrors errors) {
    Object value = execution.getVariable(HISTORICAL_RECORD);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    errors.require(false, "历史年度补录：只能为是或否（收到“" + value + "”）");
    return false;
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
