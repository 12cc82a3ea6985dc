package org.pilotcity.programyear;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.ApplicantUnit;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.rules.DecisionGuardPlugin;
import org.pilotcity.rules.RuleDecisions;

/**
 * Not a test: how long a whole national program year takes on an engine set up like the model tests'
 * ({@code camunda-test.cfg.xml}: H2 in memory, history full, Spin, decision guard; no coverage recording), with the TEST-ONLY stand-ins for pilotSelection
 * and cityApplication of {@link ProgramYearProcessTest}. Per year: start (36 selections), every unit reports
 * its quota, the asynchronous continuations and the summary run, the ministry confirms, every application
 * (quota + 1 per unit, 96 in all) is told its outcome. Prints milliseconds per phase, averaged over the years.
 *
 * <pre>
 * mvn -o -q test-compile
 * java -cp "$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout):target/classes:target/test-classes" \
 *      org.pilotcity.programyear.NationalYearBenchmark [years] [historyLevel]
 * </pre>
 */
public final class NationalYearBenchmark {

  private static final Organization ORGANIZATION = new Organization();

  private NationalYearBenchmark() {
  }

  public static void main(String[] args) {
    int years = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String historyLevel = args.length > 1 ? args[1] : ProcessEngineConfiguration.HISTORY_FULL;
    // the settings of camunda-test.cfg.xml, without its coverage recording
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("national-year-benchmark");
    configuration.setJdbcUrl("jdbc:h2:mem:national-year-benchmark;DB_CLOSE_DELAY=-1");
    configuration.setHistory(historyLevel);
    configuration.setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setProcessEnginePlugins(List.of(new SpinProcessEnginePlugin(), new DecisionGuardPlugin()));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .setTenantIdProvider(new UnitTenantIdProvider());
      Mocks.register("validateProgramYearStart", new ValidateProgramYearStart(ORGANIZATION));
      Mocks.register("summarizeNationalList", new SummarizeNationalList(ORGANIZATION));
      Mocks.register("validateNationalListConfirmation", new ValidateNationalListConfirmation());
      Mocks.register("notifyApplicationOutcomes", new NotifyApplicationOutcomes());
      deploy(engine);

      Map<String, Long> nanos = new LinkedHashMap<>();
      // the first year warms up the JIT and the caches and is not counted
      for (int i = 0; i <= years; i++) {
        Map<String, Long> phases = runYear(engine, 2022 + i);
        if (i > 0) {
          phases.forEach((phase, n) -> nanos.merge(phase, n, Long::sum));
        }
      }
      System.out.printf("national program year, %d years, history %s (ms per year)%n", years, historyLevel);
      long total = 0;
      for (Map.Entry<String, Long> phase : nanos.entrySet()) {
        System.out.printf("  %-40s %8.1f%n", phase.getKey(), phase.getValue() / 1e6 / years);
        total += phase.getValue();
      }
      System.out.printf("  %-40s %8.1f%n", "total", total / 1e6 / years);
      double baseline = baselineMillis(engine);
      System.out.printf("baseline: one instance of a one-task process, started and completed: %.2f ms%n", baseline);
      System.out.printf("ratio: a national year costs %.0f such instances%n", total / 1e6 / years / baseline);
    } finally {
      Mocks.reset();
      ClockUtil.reset();
      engine.close();
    }
  }

  /** Milliseconds to start and complete one instance of a process with a single user task, same engine. */
  private static double baselineMillis(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("baselineOneTask").startEvent().userTask("task")
            .endEvent().done()).deploy();
    int runs = 500;
    long elapsed = 0;
    for (int i = 0; i < 2 * runs; i++) {
      long start = System.nanoTime();
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("baselineOneTask");
      TaskService tasks = engine.getTaskService();
      tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
      if (i >= runs) {
        elapsed += System.nanoTime() - start; // the first half warms up
      }
    }
    return elapsed / 1e6 / runs;
  }

  private static void deploy(ProcessEngine engine) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("national-year-benchmark")
        .addClasspathResource("processes/programYear.bpmn")
        .addClasspathResource("forms/startProgramYear.form")
        .addClasspathResource("forms/confirmNationalList.form")
        .addClasspathResource("org/pilotcity/programyear/pilotSelectionStandIn.bpmn")
        .addClasspathResource("org/pilotcity/programyear/cityApplicationStandIn.bpmn");
    for (String table : List.of("programCalendar", "applicantRegion", "awardStandard", "annualBudget",
        "annualPilotQuota")) {
      deployment.addClasspathResource("processes/" + table + ".dmn");
    }
    // the central program's term extended (the shipped table closes it after 2021)
    String term = resource("processes/programTerm.dmn").replace("<text>[2019..2021]</text>", "<text>[2019..2100]</text>")
        .replace("<text>&gt; 2021</text>", "<text>&gt; 2100</text>");
    deployment.addString("programTerm.dmn", term).deploy();
  }

  private static Map<String, Long> runYear(ProcessEngine engine, int year) {
    RuntimeService runtime = engine.getRuntimeService();
    TaskService tasks = engine.getTaskService();
    ClockUtil.setCurrentTime(java.util.Date.from(LocalDate.of(year, 1, 5).atStartOfDay(Deadlines.BEIJING).toInstant()));
    Map<String, Long> phases = new LinkedHashMap<>();

    List<String> applications = new ArrayList<>();
    for (ApplicantUnit unit : ORGANIZATION.units()) {
      for (int i = 1; i <= quota(engine, unit.code()) + 1; i++) {
        String city = unit.code().substring(0, 4) + String.format("%02d", i);
        applications.add(runtime.startProcessInstanceByKey("cityApplication", year + "-CENTRAL-" + city,
            Map.of("programYear", year, "fundingLevel", "CENTRAL", "applicantUnitCode", unit.code(), "cityCode", city))
            .getId());
      }
    }

    long start = System.nanoTime();
    ProcessInstance programYear = runtime.startProcessInstanceByKey("programYear",
        Map.of("programYear", year, "fundingLevel", "CENTRAL"));
    phases.put("start (36 selections)", System.nanoTime() - start);

    start = System.nanoTime();
    for (ProcessInstance selection : runtime.createProcessInstanceQuery().superProcessInstanceId(programYear.getId())
        .list()) {
      String unit = (String) runtime.getVariable(selection.getId(), "applicantUnitCode");
      StringBuilder cities = new StringBuilder("[");
      for (int i = 1; i <= quota(engine, unit); i++) {
        cities.append(i > 1 ? "," : "").append(String.format(
            "{\"cityCode\":\"%s%02d\",\"cityName\":\"城市%d\",\"rank\":%d,\"meanScore\":%s,\"applicantType\":\"PREFECTURE_CITY\"}",
            unit.substring(0, 4), i, i, i, 90.0 - i));
      }
      tasks.complete(tasks.createTaskQuery().processInstanceId(selection.getId()).singleResult().getId(),
          Map.of("selectionOutcome", "SELECTED", "selectedCities", SpinValues.jsonValue(cities + "]").create(),
              "selectionReason", Variables.stringValue(null)));
    }
    phases.put("36 units report", System.nanoTime() - start);

    start = System.nanoTime();
    executeJobs(engine.getManagementService());
    phases.put("continuations + summary (60 cities)", System.nanoTime() - start);

    start = System.nanoTime();
    tasks.complete(tasks.createTaskQuery().processInstanceId(programYear.getId()).singleResult().getId(),
        Map.of("listConfirmed", true, "confirmationNote", "超出预算部分由下年度预算统筹安排。"));
    phases.put("confirmation", System.nanoTime() - start);

    start = System.nanoTime();
    executeJobs(engine.getManagementService());
    phases.put("notify " + applications.size() + " applications", System.nanoTime() - start);

    if (runtime.createProcessInstanceQuery().processInstanceId(programYear.getId()).count() != 0) {
      throw new IllegalStateException("program year " + year + " did not end");
    }
    return phases;
  }

  private static void executeJobs(ManagementService management) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static int quota(ProcessEngine engine, String unit) {
    return ((Number) engine.getDecisionService().evaluateDecisionByKey(RuleDecisions.ANNUAL_PILOT_QUOTA)
        .variables(Variables.putValue(RuleDecisions.APPLICANT_UNIT_CODE, unit)).evaluate().getSingleEntry()).intValue();
  }

  private static String resource(String name) {
    try (InputStream in = NationalYearBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
