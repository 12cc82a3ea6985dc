package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The indicator catalogue: what ships, and the check that refuses a catalogue that does not add up. */
class IndicatorCatalogueTest {

  static final String CATALOGUE = "processes/indicatorCatalogue.dmn";
  static final String WEIGHTS = "processes/performanceScore.dmn";

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-test.cfg.xml").build();

  ProcessEngine processEngine;
  RepositoryService repositoryService;
  final IndicatorCatalogue catalogue = new IndicatorCatalogue();
  final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void setUp() {
    repositoryService = processEngine.getRepositoryService();
  }

  @AfterEach
  void removeDeployments() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  // ------------------------------------------------------------------ helpers

  static String xml(String resource) {
    try (InputStream in = IndicatorCatalogueTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces the value of one output cell, found by its id (rule id + "_" + output name). */
  static String withCell(String xml, String cellId, String from, String to) {
    String old = "<outputEntry id=\"" + cellId + "\">\n          <text>" + from + "</text>";
    assertThat(xml).as("cell %s holds %s", cellId, from).contains(old);
    return xml.replace(old, "<outputEntry id=\"" + cellId + "\">\n          <text>" + to + "</text>");
  }

  private void deploy(String name, Map<String, String> resources) {
    var builder = repositoryService.createDeployment().name(name);
    resources.forEach(builder::addString);
    deployments.add(builder.deploy().getId());
  }

  private long deployedCatalogues() {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("indicatorCatalogue").count();
  }

  // ------------------------------------------------------------------ the shipped catalogue

  @Test
  void theShippedCatalogueIsValid() {
    CatalogueContents contents = catalogue.loadAndValidate(stream(xml(CATALOGUE)), stream(xml(WEIGHTS)));
    assertThat(catalogue.problems(contents)).isEmpty();
    assertThat(contents.indicators()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(contents.scoringRules()).containsExactlyInAnyOrder("RATIO_TO_TARGET", "GROWTH_VS_BASELINE", "BELOW_CEILING");
    for (EvaluationArea area : EvaluationArea.values()) {
      assertThat(contents.pointsOf(area)).as(area.name()).isEqualByComparingTo(contents.areaWeights().get(area));
    }
    assertThat(contents.areaWeights().values()).extracting(BigDecimal::intValue).containsExactly(40, 30, 20, 10);
  }

  @Test
  void theTwoIndicatorsKnownFromAttachment2AreShippedExactly() {
    CatalogueContents contents = catalogue.load(stream(xml(CATALOGUE)), stream(xml(WEIGHTS)));
    Indicator increment = contents.indicator("inclusiveLoanBalanceIncrement");
    assertThat(increment.name()).isEqualTo("普惠型小微企业贷款余额同比增量");
    assertThat(increment.area()).isEqualTo(1);
    assertThat(increment.points()).isEqualByComparingTo("5");
    assertThat(increment.scoringRule()).isEqualTo("RATIO_TO_TARGET");
    assertThat(increment.dataDefinition()).contains("S71").contains("1000万元");
    assertThat(increment.isProvisional()).isFalse();

    Indicator growth = contents.indicator("inclusiveLoanBalanceGrowthRate");
    assertThat(growth.name()).isEqualTo("普惠型小微企业贷款余额同比增速");
    assertThat(growth.area()).isEqualTo(1);
    assertThat(growth.points()).isEqualByComparingTo("5");
    assertThat(growth.scoringRule()).isEqualTo("GROWTH_VS_BASELINE");
    assertThat(growth.isProvisional()).as("its scoring rule is not known exactly").isTrue();

    assertThat(contents.indicators()).filteredOn(i -> !i.code().equals("inclusiveLoanBalanceIncrement"))
        .allMatch(Indicator::isProvisional, "every other indicator is marked provisional");
    assertThat(contents.indicators()).extracting(Indicator::department).allMatch(IndicatorCatalogue.DEPARTMENTS::contains);
  }

  // ------------------------------------------------------------------ the check

  @Test
  void aCatalogueWithArea2At25PointsIsRefused() {
    CatalogueContents shipped = catalogue.load(stream(xml(CATALOGUE)), stream(xml(WEIGHTS)));
    List<Indicator> modified = new ArrayList<>();
    for (Indicator i : shipped.indicators()) {
      modified.add(i.code().equals("guaranteeLeverage")
          ? new Indicator(i.code(), i.name(), i.area(), i.points().subtract(BigDecimal.valueOf(5)), i.unit(), i.department(),
              i.dataDefinition(), i.scoringRule(), i.provisional())
          : i);
    }
    CatalogueContents offBy5 = shipped.withIndicators(modified);
    assertThat(offBy5.pointsOf(EvaluationArea.GUARANTEE_MECHANISM)).isEqualByComparingTo("25");
    assertThatThrownBy(() -> catalogue.validate(offBy5))
        .isInstanceOf(InvalidIndicatorCatalogueException.class)
        .hasMessageContaining("领域2（完善融资担保和风险补偿机制情况）指标分值合计25，应为30，少5分")
        .hasMessageContaining("area 2 (financing-guarantee and risk-compensation mechanisms) indicators add up to 25 points, expected 30: off by 5 (short)")
        .satisfies(e -> assertThat(((InvalidIndicatorCatalogueException) e).getProblems()).hasSize(1));
  }

  @Test
  void deployingACatalogueThatDoesNotAddUpIsRefused() {
    deploy("weights", Map.of("performanceScore.dmn", xml(WEIGHTS)));
    String area2At25 = withCell(xml(CATALOGUE), "rule_guaranteeLeverage_points", "6", "1");
    assertThatThrownBy(() -> deploy("bad catalogue", Map.of("indicatorCatalogue.dmn", area2At25)))
        .isInstanceOf(InvalidIndicatorCatalogueException.class)
        .hasMessageContaining("领域2").hasMessageContaining("少5分")
        .hasMessageContaining("area 2").hasMessageContaining("off by 5");
    assertThat(deployedCatalogues()).as("the deployment was rolled back").isZero();

    deploy("good catalogue", Map.of("indicatorCatalogue.dmn", xml(CATALOGUE)));
    assertThat(deployedCatalogues()).isEqualTo(1);
  }

  @Test
  void changingTheWeightsWithoutTheCatalogueIsRefused() {
    deploy("rules", Map.of("performanceScore.dmn", xml(WEIGHTS), "indicatorCatalogue.dmn", xml(CATALOGUE)));
    String weights = withCell(withCell(xml(WEIGHTS), "rule_noticeWeights_weightOverallService", "40", "50"),
        "rule_noticeWeights_weightGuaranteeMechanism", "30", "20");
    assertThatThrownBy(() -> deploy("new weights only", Map.of("performanceScore.dmn", weights)))
        .isInstanceOf(InvalidIndicatorCatalogueException.class)
        .hasMessageContaining("领域1（金融服务民营和小微企业总体状况）指标分值合计40，应为50，少10分")
        .hasMessageContaining("领域2（完善融资担保和风险补偿机制情况）指标分值合计30，应为20，多10分")
        .hasMessageContaining("off by 10 (over)");
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("performanceWeights").count()).isEqualTo(1);
  }

  @Test
  void changingWeightsAndCatalogueTogetherIsAccepted() {
    deploy("rules", Map.of("performanceScore.dmn", xml(WEIGHTS), "indicatorCatalogue.dmn", xml(CATALOGUE)));
    String weights = withCell(withCell(xml(WEIGHTS), "rule_noticeWeights_weightOverallService", "40", "35"),
        "rule_noticeWeights_weightGuaranteeMechanism", "30", "35");
    String indicators = withCell(withCell(xml(CATALOGUE), "rule_privateLoanBalanceIncrement_points", "10", "5"),
        "rule_guaranteeLeverage_points", "6", "11");
    deploy("policy change", Map.of("performanceScore.dmn", weights, "indicatorCatalogue.dmn", indicators));
    assertThat(deployedCatalogues()).isEqualTo(2);
    CatalogueContents now = catalogue.loadAndValidate(repositoryService);
    assertThat(now.pointsOf(EvaluationArea.GUARANTEE_MECHANISM)).isEqualByComparingTo("35");
  }

  @Test
  void aCatalogueCannotBeDeployedWithoutTheWeights() {
    assertThatThrownBy(() -> deploy("catalogue alone", Map.of("indicatorCatalogue.dmn", xml(CATALOGUE))))
        .isInstanceOf(InvalidIndicatorCatalogueException.class).hasMessageContaining("performanceWeights");
    assertThat(deployedCatalogues()).isZero();
  }

  @Test
  void theEngineStartRefusesAnInvalidCatalogueAlreadyInTheDatabase() {
    DecisionGuardPlugin plugin = new DecisionGuardPlugin();
    assertThatCode(() -> plugin.postProcessEngineBuild(processEngine)).as("nothing deployed").doesNotThrowAnyException();
    deploy("rules", Map.of("performanceScore.dmn", xml(WEIGHTS), "indicatorCatalogue.dmn", xml(CATALOGUE)));
    assertThatCode(() -> plugin.postProcessEngineBuild(processEngine)).doesNotThrowAnyException();

    // a database filled before the check existed: an engine without the plugin deploys a broken catalogue
    ProcessEngineConfigurationImpl ours = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    ProcessEngine unchecked = new StandaloneProcessEngineConfiguration()
        .setProcessEngineName("without-decision-guard")
        .setJdbcUrl(ours.getJdbcUrl()).setJdbcDriver(ours.getJdbcDriver())
        .setJdbcUsername(ours.getJdbcUsername()).setJdbcPassword(ours.getJdbcPassword())
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    try {
      deployments.add(unchecked.getRepositoryService().createDeployment().name("unchecked")
          .addString("indicatorCatalogue.dmn", withCell(xml(CATALOGUE), "rule_guaranteeLeverage_points", "6", "1"))
          .deploy().getId());
    } finally {
      unchecked.close();
    }
    assertThatThrownBy(() -> plugin.postProcessEngineBuild(processEngine))
        .isInstanceOf(InvalidIndicatorCatalogueException.class).hasMessageContaining("领域2").hasMessageContaining("off by 5");
  }

  @Test
  void everyProblemOfARowIsReported() {
    CatalogueContents shipped = catalogue.load(stream(xml(CATALOGUE)), stream(xml(WEIGHTS)));
    Indicator first = shipped.indicators().get(0);
    List<Indicator> rows = new ArrayList<>(shipped.indicators());
    rows.add(new Indicator(first.code(), " ", 5, BigDecimal.ZERO, "%", "finance", "", "BY_FEEL", null));
    List<String> problems = catalogue.problems(shipped.withIndicators(rows));
    assertThat(String.join("\n", problems))
        .contains("repeats code " + first.code())
        .contains("has no name")
        .contains("has area 5, not 1–4")
        .contains("points must be positive")
        .contains("department finance is not one of")
        .contains("scoring rule BY_FEEL is not one of indicatorScore's")
        .contains("does not say whether it is provisional")
        .contains("has no data definition");
  }

  @Test
  void weightsMustAddUpTo100() {
    CatalogueContents shipped = catalogue.load(stream(xml(CATALOGUE)), stream(xml(WEIGHTS)));
    Map<EvaluationArea, BigDecimal> weights = new EnumMap<>(shipped.areaWeights());
    weights.put(EvaluationArea.LOCAL_DEVELOPMENT, BigDecimal.valueOf(20));
    List<Indicator> rows = new ArrayList<>(shipped.indicators());
    Indicator last = shipped.indicatorsOf(EvaluationArea.LOCAL_DEVELOPMENT).get(0);
    rows.add(new Indicator("extraLocal", "新增指标", last.area(), BigDecimal.TEN, last.unit(), last.department(),
        last.dataDefinition(), last.scoringRule(), true));
    List<String> problems = catalogue.problems(new CatalogueContents(rows, weights, shipped.scoringRules()));
    assertThat(problems).containsExactly("四个方面的权重合计110，应为100 / the area weights add up to 110, expected 100");
  }
}
