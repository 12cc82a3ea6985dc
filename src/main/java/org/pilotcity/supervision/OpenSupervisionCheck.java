package org.pilotcity.supervision;

import static org.pilotcity.supervision.SupervisionOptions.PILOT_KEY;
import static org.pilotcity.supervision.SupervisionOptions.PROCESS_KEY;
import static org.pilotcity.supervision.SupervisionOptions.REASONS;
import static org.pilotcity.supervision.SupervisionOptions.SCOPE_MAX;

import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.funds.Ledger;
import org.pilotcity.funds.Ledger.Award;
import org.pilotcity.organization.AsProgram;
import org.pilotcity.organization.Organization;
import org.springframework.stereotype.Component;

/**
 * Opens a check of one pilot's use of funds (资金监督检查) before the instance exists: the pilot must be in
 * the ledger and belong to the starter's unit (the instance's tenant), and the starter must be the pilot's
 * supervisor (the local bureau; provincial finance for a provincial pilot). The pilot's identity is then
 * taken from the ledger, never from the start form, and the check gets the business key
 * {@code <pilotKey>-<n>}, n counting the pilot's checks.
 */
@Component("openSupervisionCheck")
public class OpenSupervisionCheck implements ExecutionListener {

  private final Ledger ledger;

  public OpenSupervisionCheck(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String unit = execution.getTenantId();
    FormErrors errors = FormErrors.of(execution)
        .require(unit != null, "申报单位：资金监督检查必须属于一个申报单位，请由本单位财政部当地监管局"
            + "（省级试点为省级财政部门）的用户发起")
        .choice("supervisionReason", "检查类型", REASONS)
        .text("supervisionScope", "检查事由和范围", SCOPE_MAX);
    Object entered = execution.getVariable("pilotKey");
    String pilotKey = entered == null ? "" : entered.toString().trim().toUpperCase(Locale.ROOT);
    Optional<Award> award = Optional.empty();
    if (pilotKey.isEmpty()) {
      errors.require(false, "试点编号：必须填写");
    } else if (!PILOT_KEY.matcher(pilotKey).matches()) {
      errors.require(false, String.format("试点编号：“%s”格式不对，应为 年度-资金层级-城市代码，如2027-CENTRAL-210100", entered));
    } else if (unit != null) {
      // another unit's pilot reads as unknown: a unit learns nothing about the others' pilots
      award = ledger.award(pilotKey).filter(a -> unit.equals(a.applicantUnitCode()));
      errors.require(award.isPresent(), String.format("试点编号：本单位没有试点%s（只能检查本单位已核定奖励资金的试点）", pilotKey));
    }
    award.ifPresent(a -> errors.require(startedBySupervisor(execution, a.fundingLevel()), String.format(
        "发起人：%s的资金监督检查由%s发起", "CENTRAL".equals(a.fundingLevel()) ? "中央财政试点" : "省级试点",
        SupervisionOptions.supervisorName(a.fundingLevel()))));
    errors.throwIfAny();

    Award pilot = award.orElseThrow();
    execution.setVariable("pilotKey", pilot.pilotKey());
    execution.setVariable("applicantUnitCode", pilot.applicantUnitCode());
    execution.setVariable("applicantUnitName", pilot.applicantUnitName());
    execution.setVariable("cityCode", pilot.cityCode());
    execution.setVariable("cityName", pilot.cityName());
    execution.setVariable("cityGroup", "city" + pilot.cityCode());
    execution.setVariable("programYear", pilot.programYear());
    execution.setVariable("fundingLevel", pilot.fundingLevel());
    execution.setVariable("awardAmount", pilot.amount().doubleValue());
    execution.setProcessBusinessKey(pilot.pilotKey() + "-" + (checksSoFar(execution, pilot.pilotKey()) + 1));
  }

  /** The starting official belongs to the pilot's supervising department; the engine itself and admins may. */
  private static boolean startedBySupervisor(DelegateExecution execution, String fundingLevel) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      return true;
    }
    return user.getGroupIds() != null && (user.getGroupIds().contains(SupervisionOptions.supervisorGroup(fundingLevel))
        || user.getGroupIds().contains(Organization.ADMIN_GROUP));
  }

  /** The highest number among the pilot's earlier checks (running or ended), whoever may read them. */
  private static int checksSoFar(DelegateExecution execution, String pilotKey) {
    String prefix = pilotKey + "-";
    return AsProgram.call(() -> execution.getProcessEngineServices().getHistoryService()
            .createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKeyLike(prefix + "%").list()).stream()
        .map(HistoricProcessInstance::getBusinessKey)
        .filter(key -> key != null && key.startsWith(prefix) && key.substring(prefix.length()).matches("[0-9]{1,9}"))
        .mapToInt(key -> Integer.parseInt(key.substring(prefix.length())))
        .max().orElse(0);
  }
}
