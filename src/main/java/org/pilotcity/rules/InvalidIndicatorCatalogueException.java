package org.pilotcity.rules;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;

/** The indicator catalogue does not fit the area weights or is incomplete; deployment and start-up refuse it. */
public class InvalidIndicatorCatalogueException extends ProcessEngineException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidIndicatorCatalogueException(List<String> problems) {
    super("指标目录未通过校验 / indicator catalogue rejected:\n - " + String.join("\n - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> getProblems() {
    return problems;
  }
}
