package org.pilotcity.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.pilotcity.support.ProcessTests.assertRefused;
import static org.pilotcity.support.ProcessTests.beijing;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.calendar.SendDeadlineReminder;
import org.pilotcity.calendar.ValidateOverdueNote;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.RecordApplicantUnit;
import org.pilotcity.organization.UnitTenantIdProvider;

/**
 * Every path of the joint meeting (联席会议) of Liaoning, driven through the engine with the real listeners
 * and delegates: an ad hoc meeting convened by a department, a regular one prepared by provincial finance
 * (in time, or late: reminded, then escalated to the ministry while the preparation stays open),
 * held with action items (one late: reminded alone, escalated, still open), without, postponed, cancelled,
 * and every kind of bad input refused with nothing kept.
 */
@Deployment(resources = {"processes/jointMeeting.bpmn", "processes/deadlineReminder.dmn",
    "forms/conveneJointMeeting.form", "forms/conveneRegularMeeting.form", "forms/recordMeetingMinutes.form",
    "forms/completeActionItem.form", "forms/readMeetingMinutes.form", "forms/acknowledgeOverdue.form"})
class JointMeetingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  /** Thursday 2027-03-04, 10:00 in Beijing. */
  static final Date NOW = beijing(2027, 3, 4, 10, 0);
  static final Deadlines DEADLINES = new Deadlines();
  static final List<String> MEMBERS = List.of("provincialFinance", "localFinancialRegulator", "scienceTech",
      "industryIt", "pbocBranch", "cbircOffice", "mofLocalBureau");

  ProcessEngine processEngine;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(NOW);
    Organization organization = new Organization();
    Mocks.register("deadlines", DEADLINES);
    Mocks.register("validateMeetingRequest", new ValidateMeetingRequest(organization));
    Mocks.register("validateRegularMeetingStart", new ValidateRegularMeetingStart());
    Mocks.register("validateMeetingRecord", new ValidateMeetingRecord(organization));
    Mocks.register("registerMeetingFollowUp", new RegisterMeetingFollowUp(organization));
    Mocks.register("validateActionItemReport", new ValidateActionItemReport());
    Mocks.register("sendDeadlineReminder", new SendDeadlineReminder());
    Mocks.register("validateOverdueNote", new ValidateOverdueNote());
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(organization));
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
    processEngine.getIdentityService().clearAuthentication();
  }

  // ------------------------------------------------------------------ ad hoc, held, action items

  @Test
  void adHocMeetingOfADepartmentGoesToItsInitiatorAndEndsWhenItemsAreDoneAndMinutesRead() {
    ProcessInstance meeting = convene("lnScience", "scienceTech", request("2027-03-10"));
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting").variables()
        .containsEntry("meetingKind", "AD_HOC").containsEntry("initiator", "lnScience");
    Task hold = single(meeting, "holdMeeting");
    // the initiator has it in 我的待办; provincial finance may record it as well
    assertThat(hold.getAssignee()).isEqualTo("lnScience");
    BpmnAwareTests.assertThat(hold).hasCandidateGroupAssociated("provincialFinance");
    assertThat(hold.getDueDate().toInstant().toString()).isEqualTo("2027-03-10T15:59:59Z");
    assertThat(hold.getDescription()).isEqualTo("辽宁省联席会议“2027年第一季度联席会议”：于2027-03-10（北京时间当日24时）"
        + "前召开并记录结果。已召开的，填写实际召开日期、参会人员、会议纪要、议定事项和需落实事项（每项写明牵头部门和完成期限）；"
        + "需延期的，填写新的召开日期；取消的，填写取消原因。");

    // two items, in rows 1 and 3: the empty row between is no item
    Map<String, Object> record = held("2027-03-04");
    record.putAll(item(1, "报送一季度普惠小微贷款监测数据", "pbocBranch", "2027-03-31"));
    record.putAll(item(3, "研究融资担保降费方案", "cbircOffice", "2027-04-15"));
    taskService().complete(hold.getId(), record);

    ObjectValue items = runtime().getVariableTyped(meeting.getId(), "actionItems", true);
    assertThat(items.getSerializationDataFormat()).isEqualTo("application/json");
    assertThat(runtime().getVariable(meeting.getId(), "actionItemCount")).isEqualTo(2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) items.getValue();
    assertThat(rows).extracting(r -> r.get("number"), r -> r.get("owner"), r -> r.get("ownerName"), r -> r.get("due"))
        .containsExactly(tuple(1, "pbocBranch", "人民银行分支机构", "2027-03-31"),
            tuple(2, "cbircOffice", "银保监部门", "2027-04-15"));

    List<Task> itemTasks = tasks(meeting, "completeActionItem");
    assertThat(itemTasks).hasSize(2);
    Task pboc = owned(itemTasks, "pbocBranch");
    Task cbirc = owned(itemTasks, "cbircOffice");
    assertThat(pboc.getDueDate()).isEqualTo(DEADLINES.endOfDay("2027-03-31"));
    assertThat(cbirc.getDueDate()).isEqualTo(DEADLINES.endOfDay("2027-04-15"));
    assertThat(pboc.getTenantId()).isEqualTo("210000");
    assertThat(pboc.getDescription()).isEqualTo("辽宁省联席会议“2027年第一季度联席会议”议定的第1项事项："
        + "人民银行分支机构于2027-03-31（北京时间当日24时）前落实“报送一季度普惠小微贷款监测数据”。落实后填写落实情况和完成日期。");
    assertThat(taskService().getVariable(cbirc.getId(), "actionItemNumber")).isEqualTo(2);

    // the minutes go to every member department of the unit, and only to them
    List<Task> reading = tasks(meeting, "readMeetingMinutes");
    assertThat(reading).extracting(this::candidateGroup).containsExactlyInAnyOrderElementsOf(MEMBERS);
    assertThat(reading).allSatisfy(t -> {
      assertThat(t.getTenantId()).isEqualTo("210000");
      assertThat(t.getDueDate()).isNull();
    });
    assertThat(reading.get(0).getDescription()).isEqualTo("辽宁省联席会议“2027年第一季度联席会议”会议纪要传阅："
        + "请阅知会议纪要、议定事项和需落实事项的分工，阅知后办结本任务。");

    ClockUtil.setCurrentTime(beijing(2027, 3, 20, 15, 0));
    taskService().complete(pboc.getId(), report("已报送一季度监测数据。", "2027-03-20"));
    reading.forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isWaitingAt("completeActionItem");
    taskService().complete(cbirc.getId(), report("已形成降费方案并报省政府。", "2027-03-20"));

    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("registerMeetingFollowUp", "actionItemDone", "minutesFiled")
        .hasNotPassed("remindActionItem", "escalateLateActionItem");
    // each item keeps its own report: the two did not overwrite each other
    assertThat(history("actionItemReport")).extracting(HistoricVariableInstance::getValue)
        .containsExactlyInAnyOrder("已报送一季度监测数据。", "已形成降费方案并报省政府。");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceIdIn(meeting.getId()).variableName("actionItemReport").list())
        .extracting(HistoricVariableInstance::getExecutionId).doesNotHaveDuplicates().doesNotContain(meeting.getId());
  }

  @Test
  void lateActionItemIsRemindedAloneThenEscalatedAndStaysWithItsOwner() {
    ProcessInstance meeting = heldWithTwoItems();
    Task pboc = owned(tasks(meeting, "completeActionItem"), "pbocBranch");
    Task cbirc = owned(tasks(meeting, "completeActionItem"), "cbircOffice");

    // 3 days before (deadlineReminder, ACTION_ITEM) the pboc item's due day 2027-03-31, start of the day in Beijing
    Job reminder = job(meeting, "actionItemReminder", pboc);
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 3, 28, 0, 0));
    ClockUtil.setCurrentTime(beijing(2027, 3, 28, 0, 0));
    management().executeJob(reminder.getId());

    assertThat(task(pboc.getId()).getPriority()).isEqualTo(80);
    assertThat(taskService().getTaskComments(pboc.getId())).extracting(Comment::getFullMessage)
        .containsExactly("到期提醒：“落实议定事项”请于2027年3月31日24时（北京时间）前完成。");
    // the other item and the circulation are not reminded of a deadline that is not theirs
    assertThat(task(cbirc.getId()).getPriority()).isEqualTo(50);
    assertThat(taskService().getTaskComments(cbirc.getId())).isEmpty();
    assertThat(tasks(meeting, "readMeetingMinutes")).allSatisfy(t -> {
      assertThat(t.getPriority()).isEqualTo(50);
      assertThat(taskService().getTaskComments(t.getId())).isEmpty();
    });

    // escalated once the due day has ended in Beijing
    Job overdue = job(meeting, "actionItemOverdue", pboc);
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-03-31T16:00:00Z");
    ClockUtil.setCurrentTime(beijing(2027, 3, 31, 23, 59));
    assertThat(management().createJobQuery().jobId(overdue.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 4, 1, 0, 0));
    assertThat(management().createJobQuery().jobId(overdue.getId()).executable().count()).isEqualTo(1);
    management().executeJob(overdue.getId());

    Task escalation = single(meeting, "escalateLateActionItem");
    BpmnAwareTests.assertThat(escalation).hasCandidateGroup("provincialFinance").hasName("逾期督办：议定事项未按期落实");
    assertThat(processEngine.getFormService().getTaskFormData(escalation.getId()).getCamundaFormRef().getKey())
        .isEqualTo("acknowledgeOverdue");
    assertThat(escalation.getDescription()).isEqualTo("辽宁省联席会议“2027年第一季度联席会议”议定的第1项事项"
        + "“报送一季度普惠小微贷款监测数据”截至完成期限2027-03-31（北京时间当日24时）仍未落实。"
        + "省级财政部门督促人民银行分支机构尽快落实并记录督办情况，落实任务仍在该部门的待办中。");
    // the item stays open with its owner; the other item has no escalation
    assertThat(task(pboc.getId())).isNotNull();
    assertThat(tasks(meeting, "escalateLateActionItem")).hasSize(1);

    assertRefused(() -> taskService().complete(escalation.getId(), Map.of())).hasMessageContaining("督办情况：必须填写");
    taskService().complete(escalation.getId(), Map.of("overdueNote", "已电话督促人民银行沈阳分行，4月5日前报送。"));
    BpmnAwareTests.assertThat(meeting).hasPassed("actionItemEscalated").isWaitingAt("completeActionItem");

    ClockUtil.setCurrentTime(beijing(2027, 4, 3, 10, 0));
    taskService().complete(pboc.getId(), report("已补报一季度监测数据。", "2027-04-03"));
    taskService().complete(cbirc.getId(), report("已形成降费方案。", "2027-04-03"));
    tasks(meeting, "readMeetingMinutes").forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("remindActionItem", "actionItemReminded", "minutesFiled");
    // the note of the escalation stays with its item
    assertThat(history("overdueNote")).extracting(HistoricVariableInstance::getValue)
        .contains("已电话督促人民银行沈阳分行，4月5日前报送。");
  }

  @Test
  void heldMeetingWithoutActionItemsEndsOnceEveryMemberHasReadTheMinutes() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    taskService().complete(single(meeting, "holdMeeting").getId(), held("2027-03-04"));

    assertThat(runtime().getVariable(meeting.getId(), "actionItemCount")).isEqualTo(0);
    assertThat(tasks(meeting, "completeActionItem")).isEmpty();
    List<Task> reading = tasks(meeting, "readMeetingMinutes");
    assertThat(reading).hasSize(MEMBERS.size());
    reading.forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("minutesFiled").hasNotPassed("actionItemFollowUp")
        .variables().containsEntry("minutes", "会议通报了试点进展。");
  }

  // ------------------------------------------------------------------ regular meeting

  @Test
  void regularMeetingIsPreparedByProvincialFinanceByItsDueDayUnderTheSameRules() {
    ProcessInstance meeting = callRegular(regularCall("210000"));
    BpmnAwareTests.assertThat(meeting).isWaitingAt("conveneRegularMeeting");
    assertThat(meeting.getTenantId()).isEqualTo("210000");
    Task convene = single(meeting, "conveneRegularMeeting");
    BpmnAwareTests.assertThat(convene).hasCandidateGroup("provincialFinance");
    assertThat(convene.getAssignee()).isNull();
    assertThat(convene.getDueDate().toInstant().toString()).isEqualTo("2027-04-16T15:59:59Z");
    assertThat(convene.getDescription()).isEqualTo("辽宁省定期联席会议“2027年第二季度联席会议”：省级财政部门于2027-04-16"
        + "（北京时间当日24时）前确定会议议题、议程、参会部门和计划召开日期。确定后由省级财政部门按计划召开会议并记录结果。");
    assertThat(processEngine.getFormService().getTaskFormData(convene.getId()).getCamundaFormRef().getKey())
        .isEqualTo("conveneRegularMeeting");

    // the rules of the ad hoc start, checked on completion; a refusal keeps the task and records nothing
    Map<String, Object> bad = new HashMap<>(Map.of("meetingTopic", "", "agenda", "议程", "plannedDate", "2027-03-01",
        "invitedDepartments", List.of("reviewPanelX")));
    assertRefused(() -> taskService().complete(convene.getId(), bad))
        .hasMessageContaining("会议议题：必须填写")
        .hasMessageContaining("参会部门：“reviewPanelX”不是可选项")
        .hasMessageContaining("计划召开日期：不能早于今天（2027-03-04）");
    BpmnAwareTests.assertThat(meeting).isWaitingAt("conveneRegularMeeting").variables()
        .containsEntry("meetingTopic", "2027年第二季度联席会议").doesNotContainKey("plannedDate");

    taskService().complete(convene.getId(), Map.of("meetingTopic", "2027年第二季度联席会议（监测工作）",
        "agenda", "一、通报一季度监测数据；二、部署二季度工作。", "plannedDate", "2027-04-12",
        "invitedDepartments", List.of("provincialFinance", "pbocBranch", "mofLocalBureau")));
    // prepared in time: the preparation's reminder and escalation are gone with it
    assertThat(management().createJobQuery().processInstanceId(meeting.getId()).count()).isZero();
    Task hold = single(meeting, "holdMeeting");
    // nobody started it: no initiator, provincial finance holds it
    assertThat(hold.getAssignee()).isNull();
    BpmnAwareTests.assertThat(hold).hasCandidateGroupAssociated("provincialFinance");
    assertThat(hold.getDueDate()).isEqualTo(DEADLINES.endOfDay("2027-04-12"));
    BpmnAwareTests.assertThat(meeting).variables().containsEntry("meetingKind", "REGULAR")
        .containsEntry("meetingTopic", "2027年第二季度联席会议（监测工作）");

    ClockUtil.setCurrentTime(beijing(2027, 4, 12, 16, 0));
    taskService().complete(hold.getId(), held("2027-04-12"));
    tasks(meeting, "readMeetingMinutes").forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("conveneRegularMeeting", "minutesFiled")
        .hasNotPassed("remindMeetingConvening", "escalateLateMeetingConvening");
  }

  @Test
  void lateRegularMeetingPreparationIsRemindedThenEscalatedToTheMinistryAndStaysWithProvincialFinance() {
    ProcessInstance meeting = callRegular(regularCall("210000"));
    Task convene = single(meeting, "conveneRegularMeeting");

    // 5 days before (deadlineReminder, CONVENING) the due day 2027-04-16, start of the day in Beijing
    Job reminder = timer(meeting, "conveneReminder");
    assertThat(reminder.getDuedate()).isEqualTo(beijing(2027, 4, 11, 0, 0));
    ClockUtil.setCurrentTime(beijing(2027, 4, 10, 23, 59));
    assertThat(management().createJobQuery().jobId(reminder.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 4, 11, 0, 0));
    management().executeJob(reminder.getId());

    BpmnAwareTests.assertThat(meeting).hasPassed("remindMeetingConvening", "meetingConveningReminded")
        .isWaitingAt("conveneRegularMeeting");
    assertThat(task(convene.getId()).getPriority()).isEqualTo(80);
    assertThat(taskService().getTaskComments(convene.getId())).extracting(Comment::getFullMessage)
        .containsExactly("到期提醒：“筹备定期联席会议”请于2027年4月16日24时（北京时间）前完成。");

    // escalated to the ministry once the due day has ended in Beijing
    Job overdue = timer(meeting, "conveneOverdue");
    assertThat(overdue.getDuedate().toInstant().toString()).isEqualTo("2027-04-16T16:00:00Z");
    ClockUtil.setCurrentTime(beijing(2027, 4, 16, 23, 59));
    assertThat(management().createJobQuery().jobId(overdue.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 4, 17, 0, 0));
    management().executeJob(overdue.getId());

    Task escalation = single(meeting, "escalateLateMeetingConvening");
    BpmnAwareTests.assertThat(escalation).hasName("逾期督办：定期联席会议未按期筹备");
    // the ministry supervises the program; provincial finance is the one that is late
    assertThat(candidateGroup(escalation)).isEqualTo("mof");
    assertThat(escalation.getTenantId()).isEqualTo("210000");
    assertThat(processEngine.getFormService().getTaskFormData(escalation.getId()).getCamundaFormRef().getKey())
        .isEqualTo("acknowledgeOverdue");
    assertThat(escalation.getDescription()).isEqualTo("辽宁省定期联席会议“2027年第二季度联席会议”截至筹备期限2027-04-16"
        + "（北京时间当日24时）仍未确定议题、议程、参会部门和召开日期。财政部督促省级财政部门尽快筹备并记录督办情况，"
        + "筹备任务仍在省级财政部门的待办中。");
    // the preparation stays open with provincial finance
    assertThat(task(convene.getId())).isNotNull();
    assertThat(candidateGroup(convene)).isEqualTo("provincialFinance");

    assertRefused(() -> taskService().complete(escalation.getId(), Map.of())).hasMessageContaining("督办情况：必须填写");
    assertThat(task(escalation.getId())).isNotNull();
    taskService().complete(escalation.getId(), Map.of("overdueNote", "已约谈辽宁省财政厅，要求4月20日前确定议程。"));
    BpmnAwareTests.assertThat(meeting).hasPassed("meetingConveningEscalated").isWaitingAt("conveneRegularMeeting");

    // prepared late, the meeting goes on as usual
    ClockUtil.setCurrentTime(beijing(2027, 4, 19, 10, 0));
    taskService().complete(convene.getId(), Map.of("meetingTopic", "2027年第二季度联席会议",
        "agenda", "一、通报一季度监测数据；二、部署二季度工作。", "plannedDate", "2027-04-23",
        "invitedDepartments", List.of("provincialFinance", "pbocBranch")));
    assertThat(management().createJobQuery().processInstanceId(meeting.getId()).count()).isZero();
    ClockUtil.setCurrentTime(beijing(2027, 4, 23, 16, 0));
    taskService().complete(single(meeting, "holdMeeting").getId(), held("2027-04-23"));
    tasks(meeting, "readMeetingMinutes").forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("minutesFiled");
    assertThat(history("overdueNote")).extracting(HistoricVariableInstance::getValue)
        .containsExactly("已约谈辽宁省财政厅，要求4月20日前确定议程。");
  }

  @Test
  void regularMeetingCalledWithoutItsPeriodOrUnitIsRefused() {
    Map<String, Object> call = regularCall("210000");
    call.remove("conveneDue");
    call.put("meetingKind", "AD_HOC");
    call.put("meetingPeriod", "四月");
    assertThatThrownBy(() -> callRegular(call)).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("会议类型：由联席会议日程发起的会议为定期会议")
        .hasMessageContaining("会议周期首日：“四月”不是有效日期")
        .hasMessageContaining("筹备期限：必须填写");

    Map<String, Object> early = regularCall("210000");
    early.put("conveneDue", "2027-03-31");
    Map<String, Object> noUnit = regularCall("210000");
    noUnit.remove("applicantUnitCode");
    assertThatThrownBy(() -> callRegular(early)).hasMessageContaining("筹备期限：不能早于会议周期首日（2027-04-01）");
    assertThatThrownBy(() -> callRegular(noUnit)).hasMessageContaining("定期联席会议必须属于一个申报单位");
    assertThat(runtime().createProcessInstanceQuery().count()).isZero();
  }

  // ------------------------------------------------------------------ postponed, cancelled

  @Test
  void postponedMeetingGetsTheNewDateAsDeadline() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    taskService().complete(single(meeting, "holdMeeting").getId(),
        Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "2027-03-20"));

    BpmnAwareTests.assertThat(meeting).hasPassed("rescheduleMeeting").isWaitingAt("holdMeeting")
        .variables().containsEntry("plannedDate", "2027-03-20");
    Task again = single(meeting, "holdMeeting");
    assertThat(again.getDueDate()).isEqualTo(DEADLINES.endOfDay("2027-03-20"));
    assertThat(again.getAssignee()).isEqualTo("lnFinance");

    ClockUtil.setCurrentTime(beijing(2027, 3, 20, 11, 0));
    taskService().complete(again.getId(), held("2027-03-20"));
    tasks(meeting, "readMeetingMinutes").forEach(t -> taskService().complete(t.getId()));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("minutesFiled");
  }

  @Test
  void cancelledMeetingEndsWithItsReason() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    taskService().complete(single(meeting, "holdMeeting").getId(),
        Map.of("meetingOutcome", "CANCELLED", "cancellationReason", "议题已在专题会上解决"));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("meetingCancelled").hasNotPassed("minutesFiled");
  }

  // ------------------------------------------------------------------ refused input

  @Test
  void badRequestIsRefusedWithEveryProblemAndCreatesNothing() {
    Map<String, Object> bad = new HashMap<>(request("2027-03-01"));
    bad.put("meetingTopic", " ");
    bad.put("meetingKind", "WEEKLY");
    bad.put("invitedDepartments", List.of("pbocBranch", "nobody"));

    assertThatThrownBy(() -> runtime().startProcessInstanceByKey("jointMeeting", bad))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("会议议题：必须填写")
        .hasMessageContaining("会议类型：请选择定期会议、不定期会议之一（收到“WEEKLY”）")
        .hasMessageContaining("参会部门：“nobody”不是可选项")
        .hasMessageContaining("计划召开日期：不能早于今天（2027-03-04）");
    assertThat(runtime().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void meetingBelongsToTheConvenersUnit() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    assertThat(meeting.getTenantId()).isEqualTo("210000");
    assertThat(single(meeting, "holdMeeting").getTenantId()).isEqualTo("210000");
    BpmnAwareTests.assertThat(meeting).variables()
        .containsEntry("applicantUnitCode", "210000").containsEntry("applicantUnitName", "辽宁省");
  }

  @Test
  void officialCannotConveneForAnotherUnit() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.put("applicantUnitCode", "610000");
    assertThatThrownBy(() -> convene("lnFinance", "provincialFinance", variables))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("无权为申报单位 610000 发起流程");
  }

  @Test
  void meetingWithoutApplicantUnitIsRefused() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.remove("applicantUnitCode");
    assertThatThrownBy(() -> runtime().startProcessInstanceByKey("jointMeeting", variables))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("联席会议必须属于一个申报单位");
  }

  @Test
  void recordMissingWhatItsOutcomeNeedsIsRefusedAndTheTaskStays() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    Task hold = single(meeting, "holdMeeting");
    TaskAttempt attempt = variables -> taskService().complete(hold.getId(), variables);

    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "HELD", "meetingDate", "2027-03-05")))
        .hasMessageContaining("实际召开日期：不能晚于今天（2027-03-04）")
        .hasMessageContaining("参会人员：必须填写")
        .hasMessageContaining("会议纪要：必须填写");
    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "03/20/2027")))
        .hasMessageContaining("新的召开日期：“03/20/2027”不是有效日期");
    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "2027-03-01")))
        .hasMessageContaining("新的召开日期：不能早于今天");
    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "CANCELLED")))
        .hasMessageContaining("取消原因：必须填写");
    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "")))
        .hasMessageContaining("会议结果：请选择已召开、延期、取消之一");
    assertRefused(() -> attempt.complete(Map.of("meetingOutcome", "HELD", "meetingDate", "2027-03-04",
        "attendees", "x", "minutes", "x".repeat(MeetingOptions.MINUTES_MAX + 1))))
        .hasMessageContaining("会议纪要：不能超过10000个字符（现为10001个）");

    // nothing of the refused attempts was kept: still the same open task, no outcome recorded
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting").variables().doesNotContainKey("meetingOutcome");
    assertThat(single(meeting, "holdMeeting").getId()).isEqualTo(hold.getId());
  }

  @Test
  void halfFilledOrWrongActionItemsAreRefusedAndNoFollowUpStarts() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    Task hold = single(meeting, "holdMeeting");
    Map<String, Object> record = held("2027-03-03");
    record.putAll(item(1, "报送监测数据", "pbocBranch", "2027-03-02"));
    record.put("actionItemText_2", "只写了内容");
    record.putAll(item(3, "评审专家不是联席会议成员", "reviewPanel", "2027-04-01"));
    record.putAll(item(4, "x".repeat(MeetingOptions.ACTION_ITEM_MAX + 1), "scienceTech", "04/01/2027"));
    record.put("actionItemOwner_5", "industryIt");

    assertRefused(() -> taskService().complete(hold.getId(), record))
        .hasMessageContaining("第1项需落实事项的完成期限：不能早于会议召开日期（2027-03-03）")
        .hasMessageContaining("第2项需落实事项的牵头落实部门：请选择省级财政部门、")
        .hasMessageContaining("第2项需落实事项的完成期限：必须填写")
        .hasMessageContaining("第3项需落实事项的牵头落实部门：请选择省级财政部门、地方金融监管部门、科技部门、工业和信息化部门、"
            + "人民银行分支机构、银保监部门、财政部当地监管局之一（收到“reviewPanel”）")
        .hasMessageContaining("第4项需落实事项的事项内容：不能超过500个字符（现为501个）")
        .hasMessageContaining("第4项需落实事项的完成期限：“04/01/2027”不是有效日期")
        .hasMessageContaining("第5项需落实事项的事项内容：必须填写");

    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting").variables()
        .doesNotContainKey("meetingOutcome").doesNotContainKey("actionItems").doesNotContainKey("actionItemText_1");
    assertThat(single(meeting, "holdMeeting").getId()).isEqualTo(hold.getId());
  }

  @Test
  void actionItemReportNeedsWhatWasDoneAndAPlausibleDay() {
    ProcessInstance meeting = heldWithTwoItems();
    Task pboc = owned(tasks(meeting, "completeActionItem"), "pbocBranch");

    assertRefused(() -> taskService().complete(pboc.getId(), Map.of("actionItemDoneOn", "2027-03-05")))
        .hasMessageContaining("落实情况：必须填写").hasMessageContaining("完成日期：不能晚于今天（2027-03-04）");
    assertRefused(() -> taskService().complete(pboc.getId(), report("已报送。", "2027-03-01")))
        .hasMessageContaining("完成日期：不能早于会议召开日期（2027-03-04）");
    assertRefused(() -> taskService().complete(pboc.getId(), Map.of("actionItemReport", "已报送。")))
        .hasMessageContaining("完成日期：必须填写");

    assertThat(task(pboc.getId())).isNotNull();
    assertThat(taskService().getVariable(pboc.getId(), "actionItemReport")).isNull();
  }

  @Test
  void checklistFromTasklistArrivesAsJsonAndIsAccepted() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.put("invitedDepartments", SpinValues.jsonValue("[\"pbocBranch\",\"cbircOffice\"]").create());
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", variables);
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting");
  }

  // ------------------------------------------------------------------ helpers

  interface TaskAttempt {
    void complete(Map<String, Object> variables);
  }

  /** Convened by lnFinance, held today with a pboc item due 2027-03-31 and a cbirc item due 2027-04-15. */
  private ProcessInstance heldWithTwoItems() {
    ProcessInstance meeting = convene("lnFinance", "provincialFinance", request("2027-03-10"));
    Map<String, Object> record = held("2027-03-04");
    record.putAll(item(1, "报送一季度普惠小微贷款监测数据", "pbocBranch", "2027-03-31"));
    record.putAll(item(2, "研究融资担保降费方案", "cbircOffice", "2027-04-15"));
    taskService().complete(single(meeting, "holdMeeting").getId(), record);
    return meeting;
  }

  private ProcessInstance convene(String user, String group, Map<String, Object> variables) {
    processEngine.getIdentityService().setAuthentication(user, List.of(group), List.of("210000"));
    try {
      return runtime().startProcessInstanceByKey("jointMeeting", variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  /** As the meeting calendar calls it: no user, the unit's tenant from the variables. */
  private ProcessInstance callRegular(Map<String, Object> variables) {
    return runtime().startProcessInstanceByMessage("regularJointMeetingDue", "2027-04-01-210000", variables);
  }

  private static Map<String, Object> regularCall(String unit) {
    return new HashMap<>(Map.of("applicantUnitCode", unit, "meetingKind", "REGULAR", "meetingPeriod", "2027-04-01",
        "meetingPeriodName", "2027年第二季度", "meetingTopic", "2027年第二季度联席会议", "conveneDue", "2027-04-16"));
  }

  /** The ad hoc start form as a department sends it (no kind: the start makes it ad hoc). */
  private static Map<String, Object> request(String plannedDate) {
    return Map.of(
        "applicantUnitCode", "210000",
        "meetingTopic", "2027年第一季度联席会议",
        "plannedDate", plannedDate,
        "agenda", "一、通报试点进展；二、研究监测指标。",
        "invitedDepartments", List.of("provincialFinance", "pbocBranch", "cbircOffice"));
  }

  private static Map<String, Object> held(String meetingDate) {
    return new HashMap<>(Map.of("meetingOutcome", "HELD", "meetingDate", meetingDate,
        "attendees", "省财政厅、人民银行沈阳分行、辽宁银保监局", "minutes", "会议通报了试点进展。",
        "decisions", "按季度报送监测数据"));
  }

  private static Map<String, Object> item(int row, String text, String owner, String due) {
    return Map.of("actionItemText_" + row, text, "actionItemOwner_" + row, owner, "actionItemDue_" + row, due);
  }

  private static Map<String, Object> report(String text, String doneOn) {
    return Map.of("actionItemReport", text, "actionItemDoneOn", doneOn);
  }

  private Task single(ProcessInstance instance, String taskKey) {
    List<Task> found = tasks(instance, taskKey);
    assertThat(found).as(taskKey).hasSize(1);
    return found.get(0);
  }

  private List<Task> tasks(ProcessInstance instance, String taskKey) {
    return taskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).list();
  }

  private Task task(String id) {
    return taskService().createTaskQuery().taskId(id).singleResult();
  }

  private Task owned(List<Task> candidates, String group) {
    return candidates.stream().filter(t -> group.equals(candidateGroup(t))).findFirst().orElseThrow();
  }

  private String candidateGroup(Task task) {
    return taskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId)
        .collect(Collectors.joining(","));
  }

  /** The timer of one item: a boundary timer's job runs in the execution of the task it is attached to. */
  private Job job(ProcessInstance instance, String activityId, Task itemTask) {
    return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list().stream()
        .filter(j -> j.getExecutionId().equals(itemTask.getExecutionId())).findFirst().orElseThrow();
  }

  /** The one timer of a boundary event outside any multi-instance. */
  private Job timer(ProcessInstance instance, String activityId) {
    return management().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
        .singleResult();
  }

  private List<HistoricVariableInstance> history(String variable) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().variableName(variable).list();
  }

  private TaskService taskService() {
    return processEngine.getTaskService();
  }

  private RuntimeService runtime() {
    return processEngine.getRuntimeService();
  }

  private ManagementService management() {
    return processEngine.getManagementService();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

}
