package org.pilotcity.programyear;

import static org.pilotcity.programyear.ProgramYearVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pilotcity.forms.FormErrors;
import org.springframework.stereotype.Component;

/**
 * The list is confirmed only explicitly, and an excess over the budget (or an award standard that is
 * not set) only with a written explanation. Records who confirmed and when.
 */
@Component("validateNationalListConfirmation")
public class ValidateNationalListConfirmation implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    FormErrors errors = FormErrors.of(task)
        .require(Boolean.TRUE.equals(task.getVariable(LIST_CONFIRMED)), "确认以上试点城市名单：必须勾选确认")
        .optionalText(CONFIRMATION_NOTE, "确认说明", NOTE_MAX);
    Object note = task.getVariable(CONFIRMATION_NOTE);
    int length = note == null ? 0 : note.toString().strip().length();
    if (Boolean.TRUE.equals(task.getVariable(BUDGET_EXCEEDED))) {
      errors.require(length >= NOTE_MIN, "确认说明：奖励资金合计超出年度预算，请说明超出部分的处理意见（不少于" + NOTE_MIN
          + "个字，现为" + length + "个）");
    } else if (Boolean.TRUE.equals(task.getVariable(AWARDS_UNDETERMINED))) {
      errors.require(length >= NOTE_MIN, "确认说明：部分试点城市的奖励标准未设置，请说明奖励资金的安排（不少于" + NOTE_MIN
          + "个字，现为" + length + "个）");
    }
    errors.throwIfAny();

    Authentication user = Context.getCommandContext().getAuthentication();
    task.setVariable(LIST_CONFIRMED_BY, user == null ? null : user.getUserId());
    task.setVariable(LIST_CONFIRMED_AT, ClockUtil.getCurrentTime().toInstant().toString());
  }
}
