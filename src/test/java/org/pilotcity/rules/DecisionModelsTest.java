package org.pilotcity.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The DMN files as files: the public contract, Camunda Modeler conventions, Chinese texts, and no numbers in Java. */
class DecisionModelsTest {

  static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/dmn";
  static final String MODELER = "http://camunda.org/schema/modeler/1.0";
  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final Pattern GENERATED_ID = Pattern.compile(
      "^(Definitions|Decision|DecisionTable|Input|InputClause|InputExpression|Output|OutputClause|Rule|DecisionRule"
          + "|UnaryTests|LiteralExpression|InformationRequirement|DMNShape|DMNEdge|DMNDiagram|Diagram)_[0-9a-z]{5,}$");

  /** key → [inputs, outputs]: the public contract of the decisions. */
  static final Map<String, List<List<String>>> CONTRACT = new LinkedHashMap<>();

  static {
    CONTRACT.put("applicantRegion", List.of(List.of("applicantUnitCode"), List.of("region")));
    CONTRACT.put("annualPilotQuota", List.of(List.of("applicantUnitCode"), List.of("quota")));
    CONTRACT.put("awardStandard", List.of(List.of("region", "fundingLevel", "applicantUnitCode"), List.of("awardAmount")));
    CONTRACT.put("annualBudget", List.of(List.of("fundingLevel", "programYear", "applicantUnitCode"), List.of("budgetAmount")));
    CONTRACT.put("applicantEligibility", List.of(List.of("applicantType", "exceptionJustified"), List.of("eligible", "reason")));
    CONTRACT.put("programTerm", List.of(List.of("programYear", "fundingLevel"), List.of("open", "reason")));
    CONTRACT.put("programCalendar", List.of(List.of("programYear"),
        List.of("schemeDue", "applicationDue", "submissionDue", "evaluationDue")));
    CONTRACT.put("performanceWeights", List.of(List.of(),
        Arrays.stream(EvaluationArea.values()).map(EvaluationArea::weightOutput).toList()));
    CONTRACT.put("performanceScore", List.of(
        Arrays.stream(EvaluationArea.values()).map(EvaluationArea::scoreInput).toList(), List.of("totalScore")));
    CONTRACT.put("evaluationOutcome", List.of(List.of("finalScore"), List.of("outcome")));
    CONTRACT.put("fundUsePurpose", List.of(List.of("purpose"), List.of("allowed", "reason")));
    CONTRACT.put("indicatorCatalogue", List.of(List.of(), List.of("code", "name", "area", "points", "unit", "department",
        "dataDefinition", "scoringRule", "provisional")));
    CONTRACT.put("indicatorScore", List.of(List.of("scoringRule", "points", "baseline", "target", "assessed"), List.of("score")));
    CONTRACT.put("deadlineReminder", List.of(List.of("deadlineStep"), List.of("leadDays")));
    CONTRACT.put("schemeCosigners", List.of(List.of(), List.of("department")));
    CONTRACT.put("recoveryLeadTime", List.of(List.of("fundingLevel"), List.of("repaymentDays")));
    CONTRACT.put("spotCheckSuggestion", List.of(List.of("provincialScore", "randomDraw"), List.of("suggested", "suggestionReason")));
    CONTRACT.put("monitoringSchedule", List.of(List.of("quarter"), List.of("monitored", "reportDays", "responseDays")));
    CONTRACT.put("jointMeetingCycle", List.of(List.of("calendarYear"), List.of("cycleMonths", "conveneDays")));
    CONTRACT.put("monitoringLag", List.of(List.of("quarter", "progress"), List.of("lagging", "lagReason")));
  }

  private static Document read(File file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file);
  }

  private static List<Element> elements(Element parent, String ns, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, name);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> list = new ArrayList<>();
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && DMN13.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
        list.add(e);
      }
    }
    return list;
  }

  private static String text(Element element) {
    List<Element> texts = children(element, "text");
    return texts.isEmpty() ? null : texts.get(0).getTextContent().trim();
  }

  @Test
  void theDecisionsAreExactlyThePublicContract() throws Exception {
    Map<String, List<List<String>>> found = new LinkedHashMap<>();
    for (File file : RuleCoverage.dmnFiles()) {
      for (Element decision : elements(read(file).getDocumentElement(), DMN13, "decision")) {
        Element table = children(decision, "decisionTable").get(0);
        List<String> inputs = children(table, "input").stream()
            .map(input -> text(children(input, "inputExpression").get(0))).toList();
        List<String> outputs = children(table, "output").stream().map(o -> o.getAttribute("name")).toList();
        found.put(decision.getAttribute("id"), List.of(inputs, outputs));
      }
    }
    assertThat(found).containsExactlyInAnyOrderEntriesOf(CONTRACT);
  }

  @Test
  void everyFileOpensInCamundaModelerForCamunda7_24() throws Exception {
    for (File file : RuleCoverage.dmnFiles()) {
      Dmn.validateModel(Dmn.readModelFromFile(file));
      Element root = read(file).getDocumentElement();
      assertThat(root.getNamespaceURI()).as(file.getName()).isEqualTo(DMN13);
      assertThat(root.getAttributeNS(MODELER, "executionPlatform")).as(file.getName()).isEqualTo("Camunda Platform");
      assertThat(root.getAttributeNS(MODELER, "executionPlatformVersion")).as(file.getName()).isEqualTo("7.24.0");
      List<String> shapes = elements(root, DMNDI, "DMNShape").stream().map(s -> s.getAttribute("dmnElementRef")).toList();
      for (Element decision : elements(root, DMN13, "decision")) {
        String key = decision.getAttribute("id");
        assertThat(shapes).as("%s: DMNShape of %s", file.getName(), key).contains(key);
        assertThat(decision.getAttributeNS(CAMUNDA, "historyTimeToLive")).as("%s: TTL", key).isEqualTo("P3650D");
      }
      assertThat(elements(root, DMNDI, "DMNEdge")).as(file.getName())
          .hasSize(elements(root, DMN13, "informationRequirement").size());
    }
  }

  @Test
  void namesLabelsAndRuleDescriptionsAreChineseAndIdsSayWhatTheyAre() throws Exception {
    List<String> problems = new ArrayList<>();
    for (File file : RuleCoverage.dmnFiles()) {
      Element root = read(file).getDocumentElement();
      for (Element decision : elements(root, DMN13, "decision")) {
        String key = decision.getAttribute("id");
        if (!CHINESE.matcher(decision.getAttribute("name")).find()) {
          problems.add(key + ": name");
        }
        for (Element io : Stream.concat(elements(decision, DMN13, "input").stream(), elements(decision, DMN13, "output").stream()).toList()) {
          if (!CHINESE.matcher(io.getAttribute("label")).find()) {
            problems.add(key + ": label of " + io.getAttribute("id"));
          }
        }
        for (Element rule : elements(decision, DMN13, "rule")) {
          List<Element> description = children(rule, "description");
          if (description.isEmpty() || !CHINESE.matcher(description.get(0).getTextContent()).find()) {
            problems.add(key + ": description of " + rule.getAttribute("id"));
          }
          if (!rule.getAttribute("id").matches("rule_[a-z][A-Za-z0-9]*")) {
            problems.add(key + ": rule id " + rule.getAttribute("id"));
          }
        }
      }
      NodeList all = root.getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        String id = ((Element) all.item(i)).getAttribute("id");
        if (GENERATED_ID.matcher(id).matches()) {
          problems.add(file.getName() + ": generated id " + id);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Java never repeats a number that a table holds: no amount, year, weight or pass mark in the rules code. */
  @Test
  void theRulesCodeHoldsNoNumberOfTheTables() throws IOException {
    Pattern tableNumbers = Pattern.compile("\\b(30000000|40000000|50000000|2000000000|2019|2020|2021|70|40|30|20|10)\\b");
    Path sources = Path.of("src/main/java/org/pilotcity/rules");
    assertThat(sources).isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = Files.readString(file, StandardCharsets.UTF_8)
            .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher m = tableNumbers.matcher(code);
        while (m.find()) {
          found.add(file.getFileName() + ": " + m.group());
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
