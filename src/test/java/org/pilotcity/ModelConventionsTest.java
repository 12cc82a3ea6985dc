package org.pilotcity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

/**
 * The house conventions for models and forms (the same as ../shared/tools/model-lint), so that a
 * policy owner opens clean models in Camunda Modeler and every task reaches a person with a form.
 * The Modeler's own lint runs in .ci/run (scripts/lint-models).
 */
class ModelConventionsTest {

  static final Pattern GENERATED_ID = Pattern.compile(
      "^(Activity|Task|UserTask|Gateway|Event|StartEvent|EndEvent|Flow|SequenceFlow|Process|Decision|DecisionTable"
          + "|Input|Output|Rule|Definitions)_[0-9a-z]{5,}$");
  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  /**
   * Component types Tasklist 7.24's form-js 1.8.7 can render; any other type breaks the form. Not
   * "dynamiclist": after an edit inside one, Tasklist keeps Complete disabled (bpmn-io/form-js#1494).
   */
  static final Set<String> FORM_JS_1_8_TYPES = Set.of("textfield", "textarea", "number", "datetime", "checkbox",
      "checklist", "radio", "select", "taglist", "text", "html", "image", "spacer", "separator", "group",
      "table", "iframe", "expression", "button");

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBpmnIsDrawnNamedInChineseAndKeepsItsHistoryForAWhile() {
    List<String> problems = new ArrayList<>();
    for (File file : files("processes", ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      Bpmn.validateModel(model);
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
      for (Process process : model.getModelElementsByType(Process.class)) {
        check(problems, process.getCamundaHistoryTimeToLiveString() != null, file, process, "has historyTimeToLive");
        check(problems, hasChinese(process.getName()), file, process, "has a Chinese name");
      }
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        check(problems, drawn.contains(node.getId()), file, node, "is drawn in the diagram");
        check(problems, node.getName() == null || hasChinese(node.getName()), file, node, "is named in Chinese");
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        check(problems, drawn.contains(flow.getId()), file, flow, "is drawn in the diagram");
      }
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        if (element instanceof FlowElement) {
          check(problems, element.getId() != null && !GENERATED_ID.matcher(element.getId()).matches(), file, element,
              "has an id that says what it is");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyUserTaskHasAnExistingFormCandidateGroupsAndAName() throws IOException {
    Set<String> forms = formIds().keySet();
    List<String> problems = new ArrayList<>();
    for (File file : files("processes", ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        check(problems, hasChinese(task.getName()), file, task, "has a Chinese name");
        // a personal task (a reviewer's own score sheet) names its person instead: a group would let
        // every member of it read and complete the others' sheets
        boolean personal = task.getCamundaAssignee() != null && task.getCamundaCandidateUsers() != null
            && task.getCamundaAssignee().equals(task.getCamundaCandidateUsers());
        check(problems, personal || task.getCamundaCandidateGroups() != null
            && !task.getCamundaCandidateGroups().isBlank(), file, task, "has candidate groups (or is personal)");
        check(problems, forms.contains(task.getCamundaFormRef()), file, task,
            "uses an existing Camunda Form (formRef " + task.getCamundaFormRef() + ")");
        check(problems, "deployment".equals(task.getCamundaFormRefBinding()), file, task,
            "binds its form to the deployment (latest breaks with tenants)");
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getCamundaFormRef() != null) {
          check(problems, forms.contains(start.getCamundaFormRef()), file, start, "uses an existing start form");
          check(problems, "deployment".equals(start.getCamundaFormRefBinding()), file, start,
              "binds its form to the deployment");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyFormIsUsedByAModelAndRendersInTasklist() throws IOException {
    Set<String> used = new HashSet<>();
    for (File file : files("processes", ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file);
      model.getModelElementsByType(UserTask.class).forEach(t -> used.add(t.getCamundaFormRef()));
      model.getModelElementsByType(StartEvent.class).forEach(s -> used.add(s.getCamundaFormRef()));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> form : formIds().entrySet()) {
      JsonNode json = form.getValue();
      if (!used.contains(form.getKey())) {
        problems.add("form " + form.getKey() + " is used by no model");
      }
      if (!json.path("executionPlatform").asText().equals("Camunda Platform")) {
        problems.add("form " + form.getKey() + " is not made for Camunda 7 (executionPlatform)");
      }
      Set<String> ids = new HashSet<>();
      json.findParents("type").forEach(component -> {
        String type = component.path("type").asText();
        if (component != json && !FORM_JS_1_8_TYPES.contains(type)) {
          problems.add("form " + form.getKey() + " uses component type '" + type + "' unknown to Tasklist 7.24");
        }
        if (component.has("id") && !ids.add(component.path("id").asText())) {
          problems.add("form " + form.getKey() + " repeats component id " + component.path("id").asText());
        }
        if (component.has("label") && !hasChinese(component.path("label").asText())) {
          problems.add("form " + form.getKey() + " has a label not in Chinese: " + component.path("label").asText());
        }
      });
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDecisionIsNamedAndKeepsItsHistoryForAWhile() {
    List<String> problems = new ArrayList<>();
    for (File file : files("processes", ".dmn")) {
      DmnModelInstance model = Dmn.readModelFromFile(file);
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        if (decision.getCamundaHistoryTimeToLiveString() == null) {
          problems.add(file.getName() + ": decision " + decision.getId() + " has no historyTimeToLive");
        }
        if (!hasChinese(decision.getName())) {
          problems.add(file.getName() + ": decision " + decision.getId() + " has no Chinese name");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Map<String, JsonNode> formIds() throws IOException {
    Map<String, JsonNode> forms = new HashMap<>();
    for (File file : files("forms", ".form")) {
      JsonNode json = JSON.readTree(file);
      String id = json.path("id").asText();
      assertThat(id).as("id of %s", file).isNotBlank();
      assertThat(forms.put(id, json)).as("form id %s is unique", id).isNull();
    }
    return forms;
  }

  private static List<File> files(String folder, String suffix) {
    try (Stream<Path> paths = Files.walk(Paths.get(folder))) {
      return paths.filter(p -> p.toString().endsWith(suffix)).map(Path::toFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasChinese(String text) {
    return text != null && CHINESE.matcher(text).find();
  }

  private static void check(List<String> problems, boolean ok, File file, BaseElement element, String what) {
    if (!ok) {
      problems.add(file.getName() + ": " + element.getElementType().getTypeName() + " '" + element.getId() + "' "
          + "does not satisfy: " + what);
    }
  }
}
