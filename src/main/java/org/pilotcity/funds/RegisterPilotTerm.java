package org.pilotcity.funds;

import static org.pilotcity.funds.FundsOptions.PILOT_TERM_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pilotcity.organization.AsProgram;
import org.springframework.stereotype.Component;

/**
 * The start of a pilot term (试点期): the pilot's identity must be complete, the business key is the pilot
 * key, and a pilot has one term — a second start for the same pilot (while the first runs, or once the
 * award is recorded) is refused. The ledger refuses a second award as well; this says so before anything
 * else happens.
 */
@Component("registerPilotTerm")
public class RegisterPilotTerm implements ExecutionListener {

  static final List<String> REQUIRED = List.of("pilotKey", "applicantUnitCode", "applicantUnitName", "cityCode",
      "cityName", "cityGroup", "programYear", "fundingLevel");

  private final Ledger ledger;

  public RegisterPilotTerm(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> missing = new ArrayList<>();
    for (String name : REQUIRED) {
      Object value = execution.getVariable(name);
      if (value == null || value.toString().isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadUserRequestException("试点期不能开始，缺少：" + String.join("、", missing)
          + " (pilot term needs " + String.join(", ", missing) + ")");
    }
    String pilotKey = execution.getVariable("pilotKey").toString();
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey == null) {
      execution.setProcessBusinessKey(pilotKey);
    } else if (!businessKey.equals(pilotKey)) {
      throw new BadUserRequestException("试点期的业务键须为试点编号" + pilotKey + "（收到" + businessKey + "）"
          + " (business key must be the pilot key)");
    }
    String current = execution.getProcessInstanceId();
    Optional<ProcessInstance> running = AsProgram.call(() -> execution.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceQuery().processDefinitionKey(PILOT_TERM_KEY).processInstanceBusinessKey(pilotKey)
        .list().stream().filter(other -> !other.getId().equals(current)).findFirst());
    if (running.isPresent()) {
      throw new BadUserRequestException("试点城市" + execution.getVariable("cityName") + "（" + pilotKey
          + "）的试点期正在办理中，同一试点不能重复开始 (the pilot term of " + pilotKey + " is already running)");
    }
    ledger.award(pilotKey).filter(award -> !award.processInstanceId().equals(current)).ifPresent(award -> {
      throw new BadUserRequestException("试点城市" + award.cityName() + "（" + pilotKey + "）已核定奖励资金，"
          + "每个试点只有一个试点期，不能重复开始 (pilot " + pilotKey + " already has its award)");
    });
  }
}
