package org.pilotcity.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.pilotcity.organization.Organization;

/**
 * An official completing a task may send the fields of that task's form, nothing else. Read-only
 * context (quota, ranking, deadlines, catalogue, other reviewers' scores, the city's code…) is written by
 * the process itself; without this rule any task holder could overwrite it through the REST API when
 * completing, and the listeners would check the forged values. Applies to authenticated users (REST and
 * webapps); the engine's own work and administrators are not restricted. Variables can only change with a
 * completion: tasks grant TASK_WORK, not UPDATE (see application.yaml).
 */
public class FormFieldsOnly extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngineConfigurationImpl configuration;

  public FormFieldsOnly(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      Authentication user = configuration.getIdentityService().getCurrentAuthentication();
      if (user != null && user.getUserId() != null && !isAdministrator(user)) {
        String taskId = (String) field(command, "taskId");
        @SuppressWarnings("unchecked")
        Map<String, Object> submitted = (Map<String, Object>) field(command,
            command instanceof CompleteTaskCmd ? "variables" : "properties");
        if (submitted != null && !submitted.isEmpty()) {
          Set<String> editable = editableFields(taskId);
          if (editable != null) {
            Set<String> foreign = new TreeSet<>(submitted.keySet());
            foreign.removeAll(editable);
            if (!foreign.isEmpty()) {
              throw new BadUserRequestException("只能提交本任务表单中的字段，以下字段不属于本表单，已拒绝：" + String.join("、", foreign)
                  + "。(only the fields of this task's form may be submitted)");
            }
          }
        }
      }
    }
    return next.execute(command);
  }

  private static boolean isAdministrator(Authentication user) {
    return user.getGroupIds() != null && user.getGroupIds().contains(Organization.ADMIN_GROUP);
  }

  /** The keys of the form's fields that are not read-only; null when the task has no Camunda Form. */
  private Set<String> editableFields(String taskId) {
    InputStream form;
    try {
      form = configuration.getFormService().getDeployedTaskForm(taskId);
    } catch (RuntimeException noCamundaForm) {
      return null; // no such task or no form: the command itself will say what is wrong
    }
    try (form) {
      Set<String> keys = new TreeSet<>();
      collect(JSON.readTree(form), keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, Set<String> keys) {
    for (JsonNode component : node.path("components")) {
      boolean readOnly = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
      if (component.hasNonNull("key") && !readOnly) {
        keys.add(component.get("key").asText());
      }
      collect(component, keys);
    }
  }

  private static Object field(Object command, String name) {
    try {
      Field field = command.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no field " + name, e);
    }
  }
}
