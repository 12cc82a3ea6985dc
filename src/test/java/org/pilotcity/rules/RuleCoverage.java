package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/**
 * Records which rule rows the tests hit, and which decisions were evaluated with no matching rule, so a
 * test class can prove that every row of its tables (and every "no rule matched" path) is tested. It sits
 * in front of the {@link NoMatchingRuleGuard}, which throws on no match.
 */
final class RuleCoverage implements DmnDecisionTableEvaluationListener {

  private final Set<String> decisionKeys;
  private final Map<String, Set<String>> hitRules = new ConcurrentHashMap<>();
  private final Set<String> noMatch = ConcurrentHashMap.newKeySet();
  private final AtomicInteger finishedTests = new AtomicInteger();
  private List<DmnDecisionTableEvaluationListener> installedIn;

  RuleCoverage(String... decisionKeys) {
    this.decisionKeys = new LinkedHashSet<>(Arrays.asList(decisionKeys));
  }

  void install(ProcessEngine engine) {
    if (installedIn == null) {
      installedIn = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .getDmnEngineConfiguration().getDecisionTableEvaluationListeners();
      installedIn.add(0, this);
    }
  }

  void uninstall() {
    if (installedIn != null) {
      installedIn.remove(this);
      installedIn = null;
    }
  }

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    String key = event.getDecisionTable().getKey();
    if (event.getMatchingRules().isEmpty()) {
      noMatch.add(key);
    }
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      hitRules.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(rule.getId());
    }
  }

  /** Call after each test (e.g. in {@code @AfterEach}). */
  void testFinished() {
    finishedTests.incrementAndGet();
  }

  /**
   * Every rule of the decisions is hit; every decision with inputs was also evaluated with no match.
   * Checked only when all tests of the class ran (running one test method alone is not a coverage failure).
   */
  void assertComplete(Class<?> testClass) {
    long declared = Arrays.stream(testClass.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class)).count();
    if (finishedTests.get() < declared) {
      System.out.println("RuleCoverage: only " + finishedTests.get() + " of " + declared + " tests of "
          + testClass.getSimpleName() + " ran; rule coverage not checked");
      return;
    }
    Map<String, DecisionTable> tables = tablesOnClasspath();
    List<String> missing = new ArrayList<>();
    for (String key : decisionKeys) {
      DecisionTable table = tables.get(key);
      assertThat(table).as("decision table %s in processes/", key).isNotNull();
      for (Rule rule : table.getRules()) {
        if (!hitRules.getOrDefault(key, Set.of()).contains(rule.getId())) {
          missing.add(key + "#" + rule.getId());
        }
      }
      if (!table.getInputs().isEmpty() && !noMatch.contains(key)) {
        missing.add(key + "#<no rule matched>");
      }
    }
    assertThat(missing).as("rule rows and no-match paths that no test reached").isEmpty();
  }

  /** All decision tables of processes/*.dmn, by key. */
  static Map<String, DecisionTable> tablesOnClasspath() {
    Map<String, DecisionTable> tables = new TreeMap<>();
    for (File file : dmnFiles()) {
      try (InputStream in = new FileInputStream(file)) {
        DmnModelInstance model = Dmn.readModelFromStream(in);
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
          if (decision.getExpression() instanceof DecisionTable table) {
            tables.put(decision.getId(), table);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tables;
  }

  static List<File> dmnFiles() {
    URL dir = RuleCoverage.class.getClassLoader().getResource("processes");
    assertThat(dir).as("processes/ on the classpath").isNotNull();
    try {
      File[] files = new File(dir.toURI()).listFiles((d, name) -> name.endsWith(".dmn"));
      List<File> list = new ArrayList<>(Arrays.asList(files == null ? new File[0] : files));
      list.sort(null);
      return list;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Resource names ("processes/x.dmn") of all DMN files, for deployments. */
  static String[] dmnResources() {
    return dmnFiles().stream().map(f -> "processes/" + f.getName()).toArray(String[]::new);
  }
}
