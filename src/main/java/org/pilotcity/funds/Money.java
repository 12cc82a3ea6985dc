package org.pilotcity.funds;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;

/**
 * What the money steps share: amounts in yuan as forms send them, dates not in the future, the pilot's
 * key, who acts, and the figures the forms show beside an entry.
 */
final class Money {

  private Money() {}

  /**
   * An amount in yuan, more than 0 and to the fen at most (numbers from forms, numeric text from REST);
   * null after recording the problem.
   */
  static BigDecimal amount(FormErrors errors, Object value, String label) {
    BigDecimal amount;
    try {
      amount = FormSlots.number(value);
    } catch (NumberFormatException notANumber) {
      errors.require(false, String.format("%s：“%s”不是金额，请填写数字（元）", label, value));
      return null;
    }
    if (amount == null) {
      errors.require(false, label + "：必须填写");
      return null;
    }
    if (amount.signum() <= 0) {
      errors.require(false, String.format("%s：必须大于0（收到%s）", label, amount.toPlainString()));
      return null;
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      errors.require(false, String.format("%s：最多精确到分（小数点后两位），收到%s", label, amount.toPlainString()));
      return null;
    }
    return amount.setScale(2);
  }

  /** A calendar day that has happened (Beijing, engine clock); null after recording the problem. */
  static LocalDate pastDay(FormErrors errors, String variable, String label) {
    LocalDate day = errors.date(variable, label);
    LocalDate today = Deadlines.today(ClockUtil.getCurrentTime());
    if (day != null && day.isAfter(today)) {
      errors.require(false, String.format("%s：%s晚于今天（%s），只能登记已经发生的事项", label, day, today));
      return null;
    }
    return day;
  }

  /** "30,000,000.00元". */
  static String yuan(BigDecimal amount) {
    return String.format("%,.2f元", amount);
  }

  /** An amount as the forms' number fields show it. */
  static Double figure(BigDecimal amount) {
    return amount == null ? null : amount.doubleValue();
  }

  static String pilotKey(DelegateExecution execution) {
    Object key = execution.getVariable("pilotKey");
    if (key != null && !key.toString().isBlank()) {
      return key.toString();
    }
    if (execution.getProcessBusinessKey() != null) {
      return execution.getProcessBusinessKey();
    }
    throw new IllegalStateException("流程实例 " + execution.getProcessInstanceId() + " 没有试点编号（pilotKey）");
  }

  static String pilotKey(DelegateTask task) {
    return pilotKey(task.getExecution());
  }

  /** The official completing the task (REST, Tasklist), else its assignee; null for the engine itself. */
  static String actor(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user != null && user.getUserId() != null) {
      return user.getUserId();
    }
    return task.getAssignee();
  }

  /** What the city has received, used and still has: the figures beside a use report. */
  static void fundFigures(VariableScope scope, Ledger ledger, String pilotKey) {
    BigDecimal received = ledger.receivedByCity(pilotKey);
    BigDecimal used = ledger.usedFunds(pilotKey);
    scope.setVariable("fundsReceived", figure(received));
    scope.setVariable("fundsUsed", figure(used));
    scope.setVariable("fundsAvailable", figure(received.subtract(used)));
  }

  static void remove(VariableScope scope, Iterable<String> variables) {
    variables.forEach(scope::removeVariable);
  }
}
