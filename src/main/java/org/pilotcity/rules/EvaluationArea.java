package org.pilotcity.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four areas of the performance evaluation (财金〔2019〕62号 二（三）), in the notice's order. Their
 * weights are in the DMN table {@code performanceWeights}; this enum only ties the names together: the
 * area number used in the indicator catalogue, the input of {@code performanceScore} and the output of
 * {@code performanceWeights}.
 */
public enum EvaluationArea {

  OVERALL_SERVICE(1, "areaOverallService", "weightOverallService",
      "金融服务民营和小微企业总体状况", "overall financial services to private and small/micro enterprises"),
  GUARANTEE_MECHANISM(2, "areaGuaranteeMechanism", "weightGuaranteeMechanism",
      "完善融资担保和风险补偿机制情况", "financing-guarantee and risk-compensation mechanisms"),
  SERVICE_INNOVATION(3, "areaServiceInnovation", "weightServiceInnovation",
      "金融综合服务和创新情况", "integrated financial services and innovation"),
  LOCAL_DEVELOPMENT(4, "areaLocalDevelopment", "weightLocalDevelopment",
      "金融带动地方发展情况", "finance driving local development");

  private final int number;
  private final String scoreInput;
  private final String weightOutput;
  private final String nameZh;
  private final String nameEn;

  EvaluationArea(int number, String scoreInput, String weightOutput, String nameZh, String nameEn) {
    this.number = number;
    this.scoreInput = scoreInput;
    this.weightOutput = weightOutput;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** The area's number in the notice (一、二、三、四) and in the catalogue's {@code area} column. */
  public int number() {
    return number;
  }

  /** The input of {@code performanceScore} that takes this area's achievement (0–100). */
  public String scoreInput() {
    return scoreInput;
  }

  /** The output of {@code performanceWeights} that holds this area's weight. */
  public String weightOutput() {
    return weightOutput;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  public static Optional<EvaluationArea> byNumber(Integer number) {
    return Arrays.stream(values()).filter(a -> number != null && a.number == number).findFirst();
  }
}
