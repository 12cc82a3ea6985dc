package org.pilotcity.rules;

import static org.pilotcity.rules.RuleDecisions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Not a test: a small benchmark of every decision through {@link DecisionService}, on the model-test engine
 * ({@code camunda-test.cfg.xml}: H2 in memory, history full, so every evaluation also writes its history).
 * Prints µs per evaluation and the ratio to the simplest decision ({@code evaluationOutcome}).
 *
 * <pre>
 * mvn -o -q test-compile
 * java -cp "$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):target/classes:target/test-classes" \
 *      org.pilotcity.rules.DecisionBenchmark [evaluationsPerDecision] [warmUpPerDecision] [historyLevel]
 * </pre>
 */
public final class DecisionBenchmark {

  private DecisionBenchmark() {
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    String history = args.length > 2 ? args[2] : ProcessEngineConfiguration.HISTORY_FULL;
    int rounds = 5;

    Map<String, VariableMap> cases = new LinkedHashMap<>();
    cases.put(EVALUATION_OUTCOME, Variables.putValue(FINAL_SCORE, 85.5));
    cases.put(APPLICANT_REGION, Variables.putValue(APPLICANT_UNIT_CODE, "610000"));
    cases.put(ANNUAL_PILOT_QUOTA, Variables.putValue(APPLICANT_UNIT_CODE, "610000"));
    cases.put(AWARD_STANDARD, Variables.putValue(REGION, "WEST").putValue(FUNDING_LEVEL, FUNDING_CENTRAL));
    cases.put(ANNUAL_BUDGET, Variables.putValue(FUNDING_LEVEL, FUNDING_CENTRAL).putValue(PROGRAM_YEAR, 2020));
    cases.put(APPLICANT_ELIGIBILITY, Variables.putValue(APPLICANT_TYPE, "OTHER").putValue(EXCEPTION_JUSTIFIED, true));
    cases.put(PROGRAM_TERM, Variables.putValue(PROGRAM_YEAR, 2020).putValue(FUNDING_LEVEL, FUNDING_CENTRAL));
    cases.put(PROGRAM_CALENDAR, Variables.putValue(PROGRAM_YEAR, 2020));
    VariableMap areas = Variables.createVariables();
    for (EvaluationArea area : EvaluationArea.values()) {
      areas.putValue(area.scoreInput(), 80.0);
    }
    cases.put(PERFORMANCE_SCORE, areas);
    cases.put(FUND_USE_PURPOSE, Variables.putValue(PURPOSE, "GUARANTEE_CAPITAL"));
    cases.put(INDICATOR_CATALOGUE, Variables.createVariables());
    cases.put(INDICATOR_SCORE, Variables.putValue(SCORING_RULE, "GROWTH_VS_BASELINE").putValue(POINTS, 5.0)
        .putValue(BASELINE, 10.0).putValue(TARGET, 12.0).putValue(ASSESSED, 11.0));

    ProcessEngine engine = ProcessEngineConfiguration
        .createProcessEngineConfigurationFromResource("camunda-test.cfg.xml")
        .setProcessEngineName("decision-benchmark")
        .setHistory(history)
        .buildProcessEngine();
    try {
      DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("benchmark");
      for (String resource : RuleCoverage.dmnResources()) {
        deployment.addClasspathResource(resource);
      }
      deployment.deploy();
      DecisionService decisions = engine.getDecisionService();

      for (Map.Entry<String, VariableMap> c : cases.entrySet()) {
        for (int i = 0; i < warmUp; i++) {
          decisions.evaluateDecisionByKey(c.getKey()).variables(c.getValue()).evaluate();
        }
      }
      Map<String, Long> nanos = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) { // interleaved, so drift (GC, JIT, a growing history table) hits all alike
        for (Map.Entry<String, VariableMap> c : cases.entrySet()) {
          long start = System.nanoTime();
          for (int i = 0; i < n / rounds; i++) {
            decisions.evaluateDecisionByKey(c.getKey()).variables(c.getValue()).evaluate();
          }
          nanos.merge(c.getKey(), System.nanoTime() - start, Long::sum);
        }
      }
      int measured = (n / rounds) * rounds;
      double baseline = nanos.get(EVALUATION_OUTCOME) / 1000.0 / measured;
      System.out.printf("Java %s, %d evaluations per decision after %d warm-up, history %s%n",
          System.getProperty("java.version"), measured, warmUp,
          engine.getProcessEngineConfiguration().getHistory());
      System.out.printf("%-22s %12s %8s%n", "decision", "µs/eval", "ratio");
      for (Map.Entry<String, Long> e : nanos.entrySet()) {
        double us = e.getValue() / 1000.0 / measured;
        System.out.printf("%-22s %12.1f %8.2f%n", e.getKey(), us, us / baseline);
      }
    } finally {
      engine.close();
    }
  }
}
