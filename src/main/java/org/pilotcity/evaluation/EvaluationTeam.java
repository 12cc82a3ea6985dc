package org.pilotcity.evaluation;

import java.util.Arrays;
import java.util.List;
import org.pilotcity.rules.EvaluationArea;

/**
 * Who scores which areas (财金〔2019〕62号 职责分工): each team assesses its areas in one task and another
 * department confirms or returns them. Each team writes its own variables, so the parallel branches never
 * overwrite each other.
 */
enum EvaluationTeam {

  SERVICE_AREAS("serviceAreas", "一、三方面", "assessServiceAreas", "confirmServiceAreas",
      List.of(EvaluationArea.OVERALL_SERVICE, EvaluationArea.SERVICE_INNOVATION)),
  GUARANTEE_AREA("guaranteeArea", "二方面", "assessGuaranteeArea", "confirmGuaranteeArea",
      List.of(EvaluationArea.GUARANTEE_MECHANISM)),
  DEVELOPMENT_AREA("developmentArea", "四方面", "assessDevelopmentArea", "confirmDevelopmentArea",
      List.of(EvaluationArea.LOCAL_DEVELOPMENT));

  private final String stem;
  private final String label;
  private final String assessTask;
  private final String confirmTask;
  private final List<EvaluationArea> areas;

  EvaluationTeam(String stem, String label, String assessTask, String confirmTask, List<EvaluationArea> areas) {
    this.stem = stem;
    this.label = label;
    this.assessTask = assessTask;
    this.confirmTask = confirmTask;
    this.areas = areas;
  }

  String label() {
    return label;
  }

  List<EvaluationArea> areas() {
    return areas;
  }

  boolean covers(int area) {
    return areas.stream().anyMatch(a -> a.number() == area);
  }

  /** Json rows of the team's assessment: code, assessed value, score… (e.g. serviceAreasAssessment). */
  String assessmentVariable() {
    return stem + "Assessment";
  }

  /** One line per area with the team's sums, shown to the confirming department. */
  String summaryVariable() {
    return stem + "Summary";
  }

  /** AGREE or RETURN. */
  String confirmationVariable() {
    return stem + "Confirmation";
  }

  String returnCommentVariable() {
    return stem + "ReturnComment";
  }

  /** The numbered field of catalogue row {@code slot} (1-based) of an area: area1_3. */
  static String slotVariable(int area, int slot) {
    return "area" + area + "_" + slot;
  }

  static EvaluationTeam ofAssessTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(t -> t.assessTask.equals(taskDefinitionKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no evaluation team assesses in task " + taskDefinitionKey));
  }

  static EvaluationTeam ofConfirmTask(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(t -> t.confirmTask.equals(taskDefinitionKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no evaluation team confirms in task " + taskDefinitionKey));
  }
}
