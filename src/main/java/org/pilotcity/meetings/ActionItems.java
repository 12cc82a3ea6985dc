package org.pilotcity.meetings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.pilotcity.forms.FormErrors;
import org.pilotcity.forms.FormSlots;

/**
 * The action items (需落实的议定事项) of a held meeting as the minutes form sends them: up to {@value #SLOTS}
 * rows of numbered fields (Tasklist's forms cannot take input in a dynamic list, see {@link FormSlots}),
 * each with what is to be done, the owning department and the due day. A row left wholly empty is no item;
 * a row filled in part is refused, so nothing is dropped silently.
 */
final class ActionItems {

  static final int SLOTS = 5;
  static final String TEXT = "actionItemText_";
  static final String OWNER = "actionItemOwner_";
  static final String DUE = "actionItemDue_";

  /** The list the follow-up iterates: one JSON row per item. */
  static final String LIST = "actionItems";
  static final String COUNT = "actionItemCount";

  /** One item; {@code number} counts the items kept, 1 = the first. */
  record Item(int number, String text, String owner, String ownerName, LocalDate due) {

    Map<String, Object> row() {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("number", number);
      row.put("text", text);
      row.put("owner", owner);
      row.put("ownerName", ownerName);
      row.put("due", due.toString());
      return row;
    }
  }

  private ActionItems() {}

  /**
   * The filled rows in order. Every problem goes to {@code errors}: a half-filled row, an owner who is not a
   * member department, a due day that is no date or lies before the meeting (when its date is known).
   */
  static List<Item> read(VariableScope scope, FormErrors errors, Map<String, String> owners, LocalDate meetingDate) {
    List<Item> items = new ArrayList<>();
    for (int index = 0; index < SLOTS; index++) {
      String text = FormSlots.name(TEXT, index);
      String owner = FormSlots.name(OWNER, index);
      String due = FormSlots.name(DUE, index);
      if (!filled(scope, text) && !filled(scope, owner) && !filled(scope, due)) {
        continue;
      }
      String row = "第" + (index + 1) + "项需落实事项的";
      errors.text(text, row + "事项内容", MeetingOptions.ACTION_ITEM_MAX)
          .choice(owner, row + "牵头落实部门", owners);
      LocalDate day = errors.date(due, row + "完成期限");
      if (day != null && meetingDate != null) {
        errors.require(!day.isBefore(meetingDate),
            row + "完成期限：不能早于会议召开日期（" + meetingDate + "）");
      }
      Object ownerCode = scope.getVariable(owner);
      if (filled(scope, text) && ownerCode != null && owners.containsKey(ownerCode.toString()) && day != null) {
        items.add(new Item(items.size() + 1, scope.getVariable(text).toString().trim(), ownerCode.toString(),
            owners.get(ownerCode.toString()), day));
      }
    }
    return items;
  }

  /** The items as a JSON list variable (Java serialization is off; the multi-instance iterates it). */
  static ObjectValue asVariable(List<Item> items) {
    ArrayList<Map<String, Object>> rows = new ArrayList<>();
    items.forEach(item -> rows.add(item.row()));
    return Variables.objectValue(rows).serializationDataFormat(SerializationDataFormats.JSON).create();
  }

  private static boolean filled(VariableScope scope, String variable) {
    Object value = scope.getVariable(variable);
    return value != null && !value.toString().isBlank();
  }
}
