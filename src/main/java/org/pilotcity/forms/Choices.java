package org.pilotcity.forms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The codes a form offers, in the form's order, each with the Chinese label used in error messages. */
public final class Choices {

  private Choices() {}

  /** {@code of("HELD", "已召开", "CANCELLED", "取消")}: code, label, code, label… */
  public static Map<String, String> of(String... codesAndLabels) {
    if (codesAndLabels.length % 2 != 0) {
      throw new IllegalArgumentException("codes and labels come in pairs");
    }
    Map<String, String> choices = new LinkedHashMap<>();
    for (int i = 0; i < codesAndLabels.length; i += 2) {
      choices.put(codesAndLabels[i], codesAndLabels[i + 1]);
    }
    return Collections.unmodifiableMap(choices);
  }
}
