package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.pilotcity.support.ProcessTests.beijing;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.application.RegisterCityApplication;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.meetings.ValidateMeetingRecord;
import org.pilotcity.meetings.ValidateMeetingRequest;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.RecordApplicantUnit;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.pilotcity.selection.PrepareReviewerOptions;
import org.pilotcity.selection.PrepareSchemeTargets;

/**
 * Every user task tells its holder in Tasklist whose work it is and what is expected by when: Camunda
 * makes the task's description from the task's {@code <bpmn:documentation>}, evaluated as an expression
 * when the task is created. An identifier that cannot be resolved then fails the creation of the task, so
 * a description may name only variables that are certainly there (below, with where they come from);
 * an optional one is read as {@code execution.getVariable('x')}, which reads as nothing when missing.
 */
class TaskDescriptionsTest {

  /** The engine of the model tests (its configuration records coverage, so it needs this extension). */
  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml").build();

  /** What the pilot term refuses to start without (RegisterPilotTerm.REQUIRED). */
  static final List<String> PILOT = List.of("pilotKey", "applicantUnitCode", "applicantUnitName", "cityCode",
      "cityName", "cityGroup", "programYear", "fundingLevel");

  /** Per model, the variables that are set whenever one of its user tasks is created. */
  static final Map<String, List<String>> CERTAIN = Map.ofEntries(
      // RegisterCityApplication (start listener; refuses the start otherwise) and the start event's initiator
      Map.entry("cityApplication.bpmn", List.of("cityName", "cityCode", "cityGroup", "programYear", "fundingLevel", "schemeDue",
          "applicationDue", "submissionDue", "initiator")),
      // the in-mappings of programYear's call activity runPilotSelections
      Map.entry("pilotSelection.bpmn", List.of("applicantUnitCode", "programYear", "fundingLevel", "schemeDue", "applicationDue",
          "submissionDue", "historicalRecord")),
      // ValidateProgramYearStart (start listener); applicantUnitName only for a provincial year
      Map.entry("programYear.bpmn", List.of("programYear", "fundingLevel", "schemeDue", "applicationDue", "submissionDue",
          "evaluationDue", "historicalRecord", "initiator")),
      // ValidateMeetingRequest (start listener) and the start event's initiator
      // (regular meetings: StartRegularMeetings sets conveneDue; each action item: RegisterMeetingFollowUp)
      Map.entry("jointMeeting.bpmn", List.of("meetingTopic", "meetingKind", "plannedDate", "agenda", "initiator",
          "conveneDue", "actionItemNumber", "actionItemText", "actionItemOwnerName", "actionItemDue")),
      // no user tasks: it starts the units' regular meetings
      Map.entry("jointMeetingCalendar.bpmn", List.of()),
      // RegisterPilotTerm (start listener)
      Map.entry("pilotTerm.bpmn", PILOT),
      // PrepareAnnualEvaluation (start listener) and evaluationDue, given or looked up before any task
      Map.entry("annualEvaluation.bpmn", List.of("pilotKey", "programYear", "applicantUnitCode", "cityName", "evaluationDue")),
      // called by pilotTerm with all its variables; repaymentDue from OpenClawback before any task
      Map.entry("clawback.bpmn", concat(PILOT, List.of("repaymentDue"))),
      // OpenSupervisionCheck (start listener) and the start event's initiator; OpenCorrection in each correction
      Map.entry("fundSupervision.bpmn", concat(PILOT, List.of("awardAmount", "supervisionReason", "supervisionScope",
          "initiator", "correctionNo", "correctionItem", "correctionDue"))),
      // PrepareQuarterlyMonitoring (start listener), called by pilotTerm with the pilot's identity
      Map.entry("quarterlyMonitoring.bpmn", concat(PILOT, List.of("quarter", "quarterName", "quarterEnd", "reportDue",
          "warningDue", "responseDays"))));

  /** Variables a description may use only through execution.getVariable('…'). */
  static final Map<String, Object> OPTIONAL = Map.of("applicantUnitName", "辽宁省");

  static final Map<String, Object> SAMPLE = Map.ofEntries(
      Map.entry("cityName", "沈阳市"), Map.entry("cityCode", "210100"), Map.entry("cityGroup", "city210100"),
      Map.entry("applicantUnitCode", "210000"), Map.entry("applicantUnitName", "辽宁省"),
      Map.entry("pilotKey", "2027-CENTRAL-210100"), Map.entry("programYear", 2027), Map.entry("fundingLevel", "CENTRAL"),
      Map.entry("schemeDue", "2027-01-31"), Map.entry("applicationDue", "2027-02-27"),
      Map.entry("submissionDue", "2027-03-31"), Map.entry("evaluationDue", "2028-03-31"),
      Map.entry("repaymentDue", "2028-07-29"), Map.entry("historicalRecord", false), Map.entry("initiator", "lnFinance"),
      Map.entry("meetingTopic", "2027年第一季度联席会议"), Map.entry("meetingKind", "REGULAR"),
      Map.entry("plannedDate", "2027-03-10"), Map.entry("agenda", "通报试点进展"),
      Map.entry("awardAmount", 3.0E7), Map.entry("supervisionReason", "ROUTINE"),
      Map.entry("supervisionScope", "2027年上半年奖励资金的拨付和使用"), Map.entry("correctionNo", 1),
      Map.entry("correctionItem", "补齐风险补偿资金池的代偿台账"), Map.entry("correctionDue", "2027-07-15"),
      Map.entry("quarter", 2), Map.entry("quarterName", "第二季度"), Map.entry("quarterEnd", "2027-06-30"),
      Map.entry("reportDue", "2027-07-15"), Map.entry("warningDue", "2027-07-30"), Map.entry("responseDays", 15),
      Map.entry("conveneDue", "2027-04-16"), Map.entry("actionItemNumber", 1),
      Map.entry("actionItemText", "报送一季度普惠小微贷款监测数据"), Map.entry("actionItemOwnerName", "人民银行分支机构"),
      Map.entry("actionItemDue", "2027-03-31"));

  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final Pattern DUE_DATE = Pattern.compile("^\\$\\{deadlines\\.endOfDay\\((\\w+)\\)}$");
  static final String DUE = "（北京时间当日24时）";

  ProcessEngine processEngine;
  final List<String> createdUsers = new ArrayList<>();
  final List<String> createdGroups = new ArrayList<>();

  @BeforeEach
  void setUp() {
    Organization organization = new Organization();
    Deadlines deadlines = new Deadlines();
    Mocks.register("deadlines", deadlines);
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(organization));
    Mocks.register("registerCityApplication", new RegisterCityApplication(deadlines, organization));
    Mocks.register("prepareSchemeTargets", new PrepareSchemeTargets());
    Mocks.register("prepareReviewerOptions", new PrepareReviewerOptions());
    Mocks.register("validateMeetingRequest", new ValidateMeetingRequest(organization));
    Mocks.register("validateMeetingRecord", new ValidateMeetingRecord());
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
    createdUsers.forEach(processEngine.getIdentityService()::deleteUser);
    createdGroups.forEach(processEngine.getIdentityService()::deleteGroup);
  }

  // ------------------------------------------------------------------ every user task of every model

  @Test
  void everyUserTaskHasAShortChineseDescriptionThatNamesItsDeadline() {
    List<String> problems = new ArrayList<>();
    List<File> models = models();
    assertThat(models).extracting(File::getName).containsAll(CERTAIN.keySet());
    for (File file : models) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String where = file.getName() + " " + task.getId() + ": ";
        List<Documentation> documentation = new ArrayList<>(task.getDocumentations());
        if (documentation.size() != 1 || documentation.get(0).getTextContent().isBlank()) {
          problems.add(where + "has no documentation (the task's description in Tasklist)");
          continue;
        }
        List<DomElement> children = task.getDomElement().getChildElements();
        if (!"documentation".equals(children.get(0).getLocalName())) {
          problems.add(where + "documentation is not the first child element (Camunda Modeler)");
        }
        String text = documentation.get(0).getTextContent();
        if (!CHINESE.matcher(text).find()) {
          problems.add(where + "description is not in Chinese");
        }
        if (!text.endsWith("。") || text.split("。").length > 2) {
          problems.add(where + "description is not one or two sentences");
        }
        Matcher due = task.getCamundaDueDate() == null ? null : DUE_DATE.matcher(task.getCamundaDueDate());
        if (due != null && !(due.matches() && text.contains("${" + due.group(1) + "}" + DUE))) {
          problems.add(where + "description does not say the due date " + task.getCamundaDueDate());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Each description evaluated the way the engine does it on task creation, once with only the variables
   * that are certainly there and once with the optional ones too: it must resolve, say whose work it is,
   * and show the due day as kept (an ISO day) when the task has one.
   */
  @Test
  void everyDescriptionResolvesWithTheVariablesThatAreCertainlyThere() {
    // the premise, as the engine evaluates: a missing variable fails, a missing optional one reads as nothing
    assertThatThrownBy(() -> evaluate("${cityName}：", Map.of())).hasMessageContaining("cityName");
    assertThat(evaluate("${execution.getVariable('applicantUnitName')}联席会议", Map.of())).isEqualTo("联席会议");
    assertThat(evaluate("${cityName}${execution.getVariable('applicantUnitName') != null ? '（'.concat(applicantUnitName)"
        + ".concat('）') : ''}", Map.of("cityName", "沈阳市", "applicantUnitName", "辽宁省"))).isEqualTo("沈阳市（辽宁省）");

    List<String> problems = new ArrayList<>();
    for (File file : models()) {
      List<String> certain = CERTAIN.get(file.getName());
      if (certain == null) {
        problems.add(file.getName() + ": add the model's certain variables to this test");
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      certain.forEach(name -> variables.put(name, SAMPLE.get(name)));
      Map<String, Object> withOptional = new HashMap<>(variables);
      withOptional.putAll(OPTIONAL);
      for (UserTask task : Bpmn.readModelFromFile(file).getModelElementsByType(UserTask.class)) {
        String where = file.getName() + " " + task.getId() + ": ";
        String text = task.getDocumentations().iterator().next().getTextContent();
        for (Map<String, Object> given : List.of(variables, withOptional)) {
          String description;
          try {
            description = evaluate(text, given);
          } catch (RuntimeException unresolvable) {
            problems.add(where + "does not resolve with " + given.keySet() + ": " + unresolvable.getMessage());
            continue;
          }
          if (description == null || description.contains("null") || description.contains("${")) {
            problems.add(where + "reads " + description);
            continue;
          }
          boolean whose = description.contains("沈阳市") || description.contains("2027年度")
              || description.contains("2027年第一季度联席会议");
          if (!whose || (given == withOptional && !description.contains("辽宁省"))) {
            problems.add(where + "does not say whose work it is: " + description);
          }
          Matcher due = task.getCamundaDueDate() == null ? null : DUE_DATE.matcher(task.getCamundaDueDate());
          if (due != null && due.matches() && !description.contains(SAMPLE.get(due.group(1)) + DUE)) {
            problems.add(where + "does not show the due day: " + description);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  // ------------------------------------------------------------------ created tasks

  @Test
  @Deployment(resources = {"processes/cityApplication.bpmn", "forms/registerCityApplication.form",
      "forms/writePilotPlan.form", "forms/acceptPilotPlan.form", "forms/decideEligibilityException.form",
      "forms/acknowledgeOverdue.form", "processes/applicantEligibility.dmn", "processes/indicatorCatalogue.dmn",
      "processes/performanceScore.dmn", "processes/deadlineReminder.dmn",
      "org/pilotcity/application/pilotSelectionStandIn.bpmn"})
  void cityPlanTaskSaysCityUnitYearWhatAndByWhen() {
    ClockUtil.setCurrentTime(beijing(2027, 2, 10, 10, 0));
    group("cityFinance", "市财政部门");
    group("city210100", "沈阳市财政局");
    user("lnShenyang", "cityFinance", "city210100");

    Task central = task(apply("lnShenyang", "CENTRAL"));
    assertThat(central.getTaskDefinitionKey()).isEqualTo("writePilotPlan");
    assertThat(central.getDescription()).isEqualTo("沈阳市（辽宁省）2027年度试点方案：填写实施方案、细化任务、奖励资金计划用途"
        + "和每项指标的上年实际值、目标值，于2027-02-27（北京时间当日24时）前报送省级财政部门。被退回的，按退回意见修改后重新报送。");
    // the history keeps it too (Tasklist and Cockpit read the runtime task, reports the history)
    assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().taskId(central.getId())
        .singleResult().getDescription()).isEqualTo(central.getDescription());

    Task provincial = task(apply("lnShenyang", "PROVINCIAL"));
    assertThat(provincial.getDescription()).startsWith("沈阳市（辽宁省）2027年度省级试点方案：")
        .contains("于2027-02-27（北京时间当日24时）前报送省级财政部门");
  }

  @Test
  @Deployment(resources = {"processes/pilotSelection.bpmn", "forms/draftEvaluationScheme.form",
      "forms/agreeEvaluationScheme.form", "forms/scoreApplications.form", "forms/selectPilotCities.form",
      "forms/submitToMinistry.form", "forms/acknowledgeOverdue.form", "processes/annualPilotQuota.dmn",
      "processes/schemeCosigners.dmn", "processes/indicatorCatalogue.dmn", "processes/performanceScore.dmn",
      "processes/deadlineReminder.dmn"})
  void evaluationSchemeTaskSaysUnitYearWhatAndByWhen() {
    ClockUtil.setCurrentTime(beijing(2027, 1, 5, 9, 0));
    // as programYear's call activity starts it for Liaoning
    Map<String, Object> variables = new HashMap<>(Map.of("applicantUnitCode", "210000", "programYear", 2027,
        "fundingLevel", "CENTRAL", "schemeDue", "2027-01-31", "applicationDue", "2027-02-27",
        "submissionDue", "2027-03-31", "historicalRecord", false));
    ProcessInstance selection = processEngine.getRuntimeService()
        .startProcessInstanceByKey("pilotSelection", "2027-CENTRAL-210000", variables);

    Task draft = task(selection);
    assertThat(draft.getTaskDefinitionKey()).isEqualTo("draftEvaluationScheme");
    assertThat(draft.getDescription()).isEqualTo("辽宁省2027年度试点城市评审方案：省级财政部门确定评分方法及评审标准、"
        + "评审专家（本单位评审专家组成员）和指标目录中每项指标的绩效目标值，于2027-01-31（北京时间当日24时）前完成制定和会签。"
        + "被退回的，显示各部门的退回意见。");
  }

  @Test
  @Deployment(resources = {"processes/jointMeeting.bpmn", "forms/conveneJointMeeting.form",
      "forms/recordMeetingMinutes.form"})
  void meetingTaskSaysUnitTopicAndDayAndFollowsAPostponement() {
    ClockUtil.setCurrentTime(beijing(2027, 3, 4, 10, 0));
    ProcessInstance meeting = convene("lnFinance", "210000", "2027-03-10");
    assertThat(task(meeting).getDescription()).isEqualTo("辽宁省联席会议“2027年第一季度联席会议”："
        + "于2027-03-10（北京时间当日24时）前召开并记录结果。已召开的，填写实际召开日期、参会人员、会议纪要、议定事项和需落实事项（每项写明牵头部门和完成期限）；"
        + "需延期的，填写新的召开日期；取消的，填写取消原因。");

    // postponed: the new task says the new day
    processEngine.getTaskService().complete(task(meeting).getId(),
        Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "2027-03-20"));
    assertThat(task(meeting).getDescription()).startsWith("辽宁省联席会议“2027年第一季度联席会议”：于2027-03-20（北京时间当日24时）前");

    // the ministry holds no unit's joint meeting: refused before any task or description exists
    assertThatThrownBy(() -> convene("mofUser", "mof", "2027-03-12")).hasMessageContaining("联席会议必须属于一个申报单位");
  }

  // ------------------------------------------------------------------ helpers

  /** The description as the engine makes it: the documentation evaluated against the execution's variables. */
  private String evaluate(String text, Map<String, Object> variables) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.hasVariable(anyString())).thenAnswer(call -> {
      String name = call.getArgument(0);
      return "execution".equals(name) || variables.containsKey(name);
    });
    when(execution.getVariable(anyString())).thenAnswer(call -> {
      String name = call.getArgument(0);
      return "execution".equals(name) ? execution : variables.get(name);
    });
    Expression expression = configuration().getExpressionManager().createExpression(text);
    return configuration().getCommandExecutorTxRequired()
        .execute(commandContext -> (String) expression.getValue(execution));
  }

  private ProcessInstance apply(String user, String fundingLevel) {
    String selectionKey = "2027-" + fundingLevel + "-210000";
    if (processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(selectionKey)
        .count() == 0) {
      processEngine.getRuntimeService().startProcessInstanceByKey("pilotSelection", selectionKey, Map.of(
          "applicantUnitCode", "210000", "schemeDue", "2027-01-31", "applicationDue", "2027-02-27",
          "submissionDue", "2027-03-31"));
    }
    List<String> groups = processEngine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    processEngine.getIdentityService().setAuthentication(user, groups, List.of("210000"));
    try {
      return processEngine.getRuntimeService().startProcessInstanceByKey("cityApplication",
          Map.of("programYear", 2027, "fundingLevel", fundingLevel, "applicantType", "PREFECTURE_CITY"));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance convene(String user, String unit, String plannedDate) {
    processEngine.getIdentityService().setAuthentication(user, List.of("provincialFinance"), List.of(unit));
    try {
      return processEngine.getRuntimeService().startProcessInstanceByKey("jointMeeting", Map.of(
          "applicantUnitCode", unit,
          "meetingTopic", "2027年第一季度联席会议",
          "meetingKind", "REGULAR",
          "plannedDate", plannedDate,
          "agenda", "一、通报试点进展；二、研究监测指标。",
          "invitedDepartments", List.of("provincialFinance", "pbocBranch", "cbircOffice")));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private Task task(ProcessInstance instance) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void group(String id, String name) {
    Group group = processEngine.getIdentityService().newGroup(id);
    group.setName(name);
    processEngine.getIdentityService().saveGroup(group);
    createdGroups.add(id);
  }

  private void user(String id, String... groups) {
    User user = processEngine.getIdentityService().newUser(id);
    user.setFirstName(id);
    processEngine.getIdentityService().saveUser(user);
    createdUsers.add(id);
    Arrays.stream(groups).forEach(group -> processEngine.getIdentityService().createMembership(id, group));
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  private static List<File> models() {
    File[] files = new File("processes").listFiles((dir, name) -> name.endsWith(".bpmn"));
    assertThat(files).isNotEmpty();
    return Arrays.stream(files).sorted().toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

}
