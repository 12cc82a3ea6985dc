package org.pilotcity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pilotcity.organization.DemoUsers;
import org.pilotcity.support.RunningApplication;

/**
 * Tasklist end to end in headless Chromium: the application with the demo officials, a running
 * provincial selection of Liaoning for 2027, then {@code scripts/e2e/tasklist-e2e.mjs} (playwright-core,
 * Debian's /usr/bin/chromium) as the officials: 沈阳 starts 试点城市申报 from Tasklist's start dialog, is
 * refused a year without selection with the server's Chinese reason, starts 2027, fills and completes
 * 编制试点方案; lnFinance finds 受理试点方案 in 本部门待办, sxFinance finds nothing there. Afterwards the
 * engine must hold what the browser did.
 *
 * <p>Screenshots of every step go to {@code -De2e.screenshots} (the pom: {@code ${build.dir}/e2e-screenshots}).
 * Without node, {@code node_modules/playwright-core} ({@code npm ci}) or /usr/bin/chromium the test is
 * skipped with a message, unless {@code -De2e=required} (as .ci/run does).
 */
@ExtendWith(TasklistBrowserTest.BrowserAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistBrowserTest {

  static final String SCRIPT = "scripts/e2e/tasklist-e2e.mjs";
  static final String CHROMIUM = "/usr/bin/chromium";
  static final int YEAR = 2027;
  static final String SELECTION_KEY = YEAR + "-PROVINCIAL-210000";
  static final String APPLICATION_KEY = YEAR + "-PROVINCIAL-210100"; // 沈阳
  /** The script has its own limit of 3 minutes; this one only catches a hung node. */
  static final long SCRIPT_LIMIT_SECONDS = 240;

  RunningApplication app;
  ProcessEngine engine;

  @BeforeAll
  void start() {
    app = RunningApplication.start(null,
        Map.of("spring.datasource.url", "jdbc:h2:mem:tasklist-e2e;DB_CLOSE_DELAY=-1"));
    engine = app.engine();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aCityAppliesInTasklistAndOnlyItsProvinceSeesThePlan() throws Exception {
    startSelectionYear();

    Path screenshots = screenshotDir();
    int exit = runScript(screenshots);
    assertThat(exit).as("%s failed (exit %d); screenshots in %s", SCRIPT, exit, screenshots).isZero();

    // what the browser did is in the engine: the application of 沈阳 waits for the province
    ProcessInstance application = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("cityApplication").processInstanceBusinessKey(APPLICATION_KEY).singleResult();
    assertThat(application).as("the application %s started in Tasklist", APPLICATION_KEY).isNotNull();
    assertThat(application.getTenantId()).isEqualTo("210000");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("cityApplication")
        .count()).as("the refused start created nothing").isEqualTo(1);
    Task accept = engine.getTaskService().createTaskQuery().processInstanceId(application.getId()).singleResult();
    assertThat(accept.getTaskDefinitionKey()).isEqualTo("acceptPilotPlan");
    assertThat(engine.getRuntimeService().getVariable(application.getId(), "planSubmitted")).isEqualTo(true);
    SpinJsonNode snapshot = json(engine.getRuntimeService().getVariable(application.getId(), "indicatorCatalogueSnapshot"));
    SpinJsonNode targets = json(engine.getRuntimeService().getVariable(application.getId(), "indicatorTargets"));
    assertThat(targets.elements()).as("one target per catalogue indicator, from the numbered fields")
        .hasSize(snapshot.elements().size());
  }

  /** A provincial year of Liaoning, started by lnFinance over REST as in SelectionYearInApplicationTest. */
  private void startSelectionYear() {
    HttpResponse<String> started = app.post("/engine-rest/process-definition/key/programYear/start", "lnFinance",
        DemoUsers.PASSWORD, """
        {"variables": {"programYear": {"value": %d, "type": "Integer"},
                       "fundingLevel": {"value": "PROVINCIAL"},
                       "applicantUnitCode": {"value": "210000"}}}""".formatted(YEAR));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    runDueJobs();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("pilotSelection")
        .processInstanceBusinessKey(SELECTION_KEY).count()).as("selection %s running", SELECTION_KEY).isEqualTo(1);
  }

  /** The job executor is off in tests: run what is due, including what running it makes due. */
  private void runDueJobs() {
    ManagementService management = engine.getManagementService();
    for (int round = 0; round < 100; round++) {
      List<Job> due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }

  private int runScript(Path screenshots) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("node", SCRIPT)
        .directory(projectDir().toFile())
        .redirectErrorStream(true);
    builder.environment().put("E2E_BASE_URL", "http://127.0.0.1:" + app.port());
    builder.environment().put("E2E_SCREENSHOTS", screenshots.toString());
    builder.environment().put("E2E_PROGRAM_YEAR", String.valueOf(YEAR));
    builder.environment().put("CHROMIUM", CHROMIUM);
    System.out.println("[e2e] node " + SCRIPT + " against http://127.0.0.1:" + app.port()
        + ", screenshots in " + screenshots);
    Process node = builder.start();
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println("[e2e] " + line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "e2e-output");
    pump.setDaemon(true);
    pump.start();
    if (!node.waitFor(SCRIPT_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      fail(SCRIPT + " did not end within " + SCRIPT_LIMIT_SECONDS + " s; screenshots in " + screenshots);
    }
    pump.join(5_000);
    return node.exitValue();
  }

  private static Path screenshotDir() throws IOException {
    String configured = System.getProperty("e2e.screenshots");
    Path dir = configured == null || configured.isBlank() || configured.contains("${")
        ? projectDir().resolve("target/e2e-screenshots")
        : Path.of(configured);
    return Files.createDirectories(dir.toAbsolutePath());
  }

  static Path projectDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  private static SpinJsonNode json(Object value) {
    return value instanceof SpinJsonNode node ? node : Spin.JSON(value.toString());
  }

  /**
   * Runs the test when node, playwright-core and Chromium are there; otherwise skips it with a message,
   * or fails when the run says {@code -De2e=required}.
   */
  static final class BrowserAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      List<String> missing = new ArrayList<>();
      String node = nodeVersion();
      if (node == null) {
        missing.add("node (Node.js) on the PATH");
      }
      if (!Files.isRegularFile(projectDir().resolve("node_modules/playwright-core/package.json"))) {
        missing.add("node_modules/playwright-core (run npm ci)");
      }
      if (!new File(CHROMIUM).canExecute()) {
        missing.add(CHROMIUM + " (apt-get install chromium fonts-noto-cjk)");
      }
      if (missing.isEmpty()) {
        return ConditionEvaluationResult.enabled("node " + node + ", playwright-core and " + CHROMIUM + " present");
      }
      String message = "Tasklist browser test needs " + String.join(", ", missing);
      if ("required".equals(System.getProperty("e2e"))) {
        throw new IllegalStateException(message + " but -De2e=required: install them (see .ci/run)");
      }
      System.err.println("SKIPPED Tasklist browser test: " + message
          + ". Install them and run with -De2e=required to make it mandatory.");
      return ConditionEvaluationResult.disabled("SKIPPED: " + message);
    }

    private static String nodeVersion() {
      try {
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? version : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
