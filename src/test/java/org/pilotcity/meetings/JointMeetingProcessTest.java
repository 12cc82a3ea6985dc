package org.pilotcity.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.spin.plugin.variable.SpinValues;
import org.pilotcity.organization.UnitTenantIdProvider;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pilotcity.calendar.Deadlines;
import org.pilotcity.organization.Organization;
import org.pilotcity.organization.RecordApplicantUnit;

/** Every path of the joint meeting (联席会议), driven through the engine with the real listeners. */
@Deployment(resources = {"processes/jointMeeting.bpmn", "forms/conveneJointMeeting.form",
    "forms/recordMeetingMinutes.form"})
class JointMeetingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-test.cfg.xml")
      .assertClassCoverageAtLeast(0.9).build();

  /** Thursday 2027-03-04, 10:00 in Beijing. */
  static final Date NOW = Date.from(LocalDate.of(2027, 3, 4).atTime(10, 0).atZone(Deadlines.BEIJING).toInstant());

  ProcessEngine processEngine;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ClockUtil.setCurrentTime(NOW);
    Mocks.register("deadlines", new Deadlines());
    Mocks.register("validateMeetingRequest", new ValidateMeetingRequest(new Organization()));
    Mocks.register("validateMeetingRecord", new ValidateMeetingRecord());
    Mocks.register("recordApplicantUnit", new RecordApplicantUnit(new Organization()));
    configuration().setTenantIdProvider(new UnitTenantIdProvider());
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    Mocks.reset();
    configuration().setTenantIdProvider(null);
  }

  @Test
  void heldMeetingFilesItsMinutes() {
    ProcessInstance meeting = convene("2027-03-10");
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting");
    Task hold = task(meeting);
    BpmnAwareTests.assertThat(hold).hasCandidateGroup("provincialFinance").hasCandidateUser("lnFinance");
    // the deadline is the end of the planned day in Beijing: 2027-03-10 23:59:59 +08:00
    assertThat(hold.getDueDate()).isEqualTo(new Deadlines().endOfDay("2027-03-10"));
    assertThat(hold.getDueDate().toInstant().toString()).isEqualTo("2027-03-10T15:59:59Z");

    complete(hold, withVariables("meetingOutcome", "HELD", "meetingDate", "2027-03-04",
        "attendees", "省财政厅、人民银行沈阳分行", "minutes", "会议通报了试点进展。", "decisions", "按季度报送监测数据"));

    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("minutesFiled")
        .variables().containsEntry("minutes", "会议通报了试点进展。");
  }

  @Test
  void postponedMeetingGetsTheNewDateAsDeadline() {
    ProcessInstance meeting = convene("2027-03-10");
    complete(task(meeting), withVariables("meetingOutcome", "POSTPONED", "newPlannedDate", "2027-03-20"));

    BpmnAwareTests.assertThat(meeting).hasPassed("rescheduleMeeting").isWaitingAt("holdMeeting")
        .variables().containsEntry("plannedDate", "2027-03-20");
    assertThat(task(meeting).getDueDate()).isEqualTo(new Deadlines().endOfDay("2027-03-20"));

    complete(task(meeting), withVariables("meetingOutcome", "HELD", "meetingDate", "2027-03-04",
        "attendees", "各成员单位", "minutes", "纪要"));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("minutesFiled");
  }

  @Test
  void cancelledMeetingEndsWithItsReason() {
    ProcessInstance meeting = convene("2027-03-10");
    complete(task(meeting), withVariables("meetingOutcome", "CANCELLED", "cancellationReason", "议题已在专题会上解决"));
    BpmnAwareTests.assertThat(meeting).isEnded().hasPassed("meetingCancelled").hasNotPassed("minutesFiled");
  }

  @Test
  void badRequestIsRefusedWithEveryProblemAndCreatesNothing() {
    Map<String, Object> bad = new HashMap<>(request("2027-03-01"));
    bad.put("meetingTopic", " ");
    bad.put("meetingKind", "WEEKLY");
    bad.put("invitedDepartments", List.of("pbocBranch", "nobody"));

    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("jointMeeting", bad))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("会议议题：必须填写")
        .hasMessageContaining("会议类型：请选择定期会议、不定期会议之一（收到“WEEKLY”）")
        .hasMessageContaining("参会部门：“nobody”不是可选项")
        .hasMessageContaining("计划召开日期：不能早于今天（2027-03-04）");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void meetingBelongsToTheConvenersUnit() {
    ProcessInstance meeting = convene("2027-03-10");
    assertThat(meeting.getTenantId()).isEqualTo("210000");
    assertThat(task(meeting).getTenantId()).isEqualTo("210000");
    BpmnAwareTests.assertThat(meeting).variables()
        .containsEntry("applicantUnitCode", "210000").containsEntry("applicantUnitName", "辽宁省");
  }

  @Test
  void officialCannotConveneForAnotherUnit() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.put("applicantUnitCode", "610000");
    processEngine.getIdentityService().setAuthentication("lnFinance", List.of("provincialFinance"), List.of("210000"));
    try {
      assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("jointMeeting", variables))
          .isInstanceOf(BadUserRequestException.class).hasMessageContaining("无权为申报单位 610000 发起流程");
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void meetingWithoutApplicantUnitIsRefused() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.remove("applicantUnitCode");
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("jointMeeting", variables))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("联席会议必须属于一个申报单位");
  }

  @Test
  void recordMissingWhatItsOutcomeNeedsIsRefusedAndTheTaskStays() {
    ProcessInstance meeting = convene("2027-03-10");
    Task hold = task(meeting);
    TaskAttempt attempt = variables -> processEngine.getTaskService().complete(hold.getId(), variables);

    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "HELD", "meetingDate", "2027-03-05")))
        .hasMessageContaining("实际召开日期：不能晚于今天（2027-03-04）")
        .hasMessageContaining("参会人员：必须填写")
        .hasMessageContaining("会议纪要：必须填写");
    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "03/20/2027")))
        .hasMessageContaining("新的召开日期：“03/20/2027”不是有效日期");
    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "POSTPONED", "newPlannedDate", "2027-03-01")))
        .hasMessageContaining("新的召开日期：不能早于今天");
    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "CANCELLED")))
        .hasMessageContaining("取消原因：必须填写");
    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "")))
        .hasMessageContaining("会议结果：请选择已召开、延期、取消之一");
    assertThatThrownBy(() -> attempt.complete(Map.of("meetingOutcome", "HELD", "meetingDate", "2027-03-04",
        "attendees", "x", "minutes", "x".repeat(MeetingOptions.MINUTES_MAX + 1))))
        .hasMessageContaining("会议纪要：不能超过10000个字符（现为10001个）");

    // nothing of the refused attempts was kept: still the same open task, no outcome recorded
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting").variables().doesNotContainKey("meetingOutcome");
    assertThat(task(meeting).getId()).isEqualTo(hold.getId());
  }

  @Test
  void checklistFromTasklistArrivesAsJsonAndIsAccepted() {
    Map<String, Object> variables = new HashMap<>(request("2027-03-10"));
    variables.put("invitedDepartments", SpinValues.jsonValue("[\"pbocBranch\",\"cbircOffice\"]").create());
    ProcessInstance meeting = convene(variables);
    BpmnAwareTests.assertThat(meeting).isWaitingAt("holdMeeting");
  }

  interface TaskAttempt {
    void complete(Map<String, Object> variables);
  }

  private ProcessInstance convene(String plannedDate) {
    return convene(request(plannedDate));
  }

  private ProcessInstance convene(Map<String, Object> variables) {
    processEngine.getIdentityService().setAuthentication("lnFinance", List.of("provincialFinance"), List.of("210000"));
    try {
      return processEngine.getRuntimeService().startProcessInstanceByKey("jointMeeting", variables);
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> request(String plannedDate) {
    return Map.of(
        "applicantUnitCode", "210000",
        "meetingTopic", "2027年第一季度联席会议",
        "meetingKind", "REGULAR",
        "plannedDate", plannedDate,
        "agenda", "一、通报试点进展；二、研究监测指标。",
        "invitedDepartments", List.of("provincialFinance", "pbocBranch", "cbircOffice"));
  }
}
