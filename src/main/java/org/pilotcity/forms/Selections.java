package org.pilotcity.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.spin.json.SpinJsonNode;

/** Checklists arrive from Camunda Forms as Json variables, from Java and REST callers as lists. */
public final class Selections {

  private Selections() {}

  public static List<String> asStrings(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(e -> result.add(e.isString() ? e.stringValue() : e.toString()));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(e -> result.add(String.valueOf(e)));
    }
    return result;
  }
}
