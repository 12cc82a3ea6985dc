package org.pilotcity.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pilotcity.calendar.Deadlines;

/**
 * Server-side check of what a form submitted. Camunda Forms validate only in the browser, and REST
 * callers skip the browser; so every listener checks again. All problems are reported at once, in
 * Chinese, and the engine rolls back the whole step, so nothing half-saved remains. REST answers 400.
 */
public final class FormErrors {

  private final VariableScope scope;
  private final List<String> problems = new ArrayList<>();

  private FormErrors(VariableScope scope) {
    this.scope = scope;
  }

  public static FormErrors of(VariableScope scope) {
    return new FormErrors(scope);
  }

  /** A non-blank text of at most maxLength characters. */
  public FormErrors text(String variable, String label, int maxLength) {
    Object value = scope.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      problems.add(label + "：必须填写");
    } else if (value.toString().length() > maxLength) {
      problems.add(String.format("%s：不能超过%d个字符（现为%d个）", label, maxLength, value.toString().length()));
    }
    return this;
  }

  /** A text that may be left empty but not be longer than maxLength characters. */
  public FormErrors optionalText(String variable, String label, int maxLength) {
    Object value = scope.getVariable(variable);
    if (value != null && !value.toString().isBlank()) {
      text(variable, label, maxLength);
    }
    return this;
  }

  /** One of the allowed codes; the map gives each code's Chinese label for the message. */
  public FormErrors choice(String variable, String label, Map<String, String> allowed) {
    Object value = scope.getVariable(variable);
    if (value == null || !allowed.containsKey(value.toString())) {
      problems.add(String.format("%s：请选择%s之一（收到“%s”）", label,
          String.join("、", allowed.values()), value == null ? "" : value));
    }
    return this;
  }

  /** A calendar date; returns it, or null after recording the problem. */
  public LocalDate date(String variable, String label) {
    Object value = scope.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      problems.add(label + "：必须填写");
      return null;
    }
    try {
      return Deadlines.toLocalDate(value);
    } catch (RuntimeException e) {
      problems.add(String.format("%s：“%s”不是有效日期，请按 年-月-日 填写", label, value));
      return null;
    }
  }

  /** A non-empty selection, each element one of the allowed codes. */
  public FormErrors selection(String variable, String label, Collection<String> allowed) {
    Object value = scope.getVariable(variable);
    List<String> chosen = Selections.asStrings(value);
    if (chosen.isEmpty()) {
      problems.add(label + "：至少选择一项");
    } else {
      chosen.stream().filter(c -> !allowed.contains(c)).findFirst()
          .ifPresent(c -> problems.add(String.format("%s：“%s”不是可选项", label, c)));
    }
    return this;
  }

  /**
   * An indicator's value from its numbered field (a form's number, a REST caller's number or numeric text);
   * returns it, or null after recording why not: missing, not a number, or negative where it cannot be.
   */
  public BigDecimal indicatorValue(String label, Object raw, String unit, boolean mayBeNegative) {
    BigDecimal value;
    try {
      value = FormSlots.number(raw);
    } catch (NumberFormatException notANumber) {
      problems.add(label + "：“" + raw + "”不是有效数字");
      return null;
    }
    if (value == null) {
      problems.add(label + "：必须填写");
      return null;
    }
    if (value.signum() < 0 && !mayBeNegative) {
      problems.add(label + "：不能为负数（收到" + value.toPlainString() + unit + "）");
      return null;
    }
    return value;
  }

  public FormErrors require(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
    return this;
  }

  /** Throws when anything was wrong; the step does not happen and the user keeps the form. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("表单填写有误，请修改后重新提交：" + String.join("；", problems) + "。");
    }
  }
}
