package org.pilotcity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Simplified Chinese translations of the Camunda 7.24 webapps
 * ({@code META-INF/resources/webjars/camunda/app/<app>/locales/zh.json} in src/main/resources) against the
 * English original inside the camunda-webapp-webjar on the classpath: every key of the jar's en.json is
 * translated (a missing key would show English, an unknown key means the file is for another Camunda version),
 * no {{placeholder}}, HTML tag or link is lost, and the app's config.js offers 'zh'.
 */
class WebappTranslationsTest {

  static final String WEBJAR = "META-INF/resources/webjars/camunda/app/";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)\\}\\}");
  static final Pattern HTML_TAG = Pattern.compile("</?(a|b|br|code|div|em|i|li|p|span|strong|ul)\\b[^>]*>");
  static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  static final Pattern ENGLISH_WORD = Pattern.compile("[A-Za-z]{3,}");
  /** Values that stay as they are in Chinese: product names, technical names and symbols. */
  static final Set<String> KEEP_AS_IS = Set.of("Camunda", "Camunda Cockpit", "Optimize", "null", "<null>", "BPMN",
      "CMMN", "DMN", "CSV", "JSON", "ID", "YYYY-MM-DDTHH:mm:ss");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void everyEnglishKeyOfTheJarHasAChineseTranslationWithItsPlaceholders(String app) throws IOException {
    JsonNode en = read(jarResource(WEBJAR + app + "/locales/en.json"));
    JsonNode zh = read(ownResource(WEBJAR + app + "/locales/zh.json"));
    List<String> problems = new ArrayList<>();

    JsonNode enLabels = en.path("labels");
    JsonNode zhLabels = zh.path("labels");
    assertThat(enLabels.size()).as(app + " en.json labels").isGreaterThan(100);
    for (Iterator<Map.Entry<String, JsonNode>> it = enLabels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      String english = entry.getValue().asText();
      JsonNode translated = zhLabels.get(key);
      if (translated == null || !translated.isTextual()) {
        problems.add("missing: " + key + " (\"" + english + "\")");
        continue;
      }
      String chinese = translated.asText();
      if (!sorted(PLACEHOLDER, english).equals(sorted(PLACEHOLDER, chinese))) {
        problems.add("placeholders differ: " + key + ": " + sorted(PLACEHOLDER, english) + " vs "
            + sorted(PLACEHOLDER, chinese));
      }
      if (!sorted(HTML_TAG, english).equals(sorted(HTML_TAG, chinese))) {
        problems.add("HTML tags or links differ: " + key + ": " + sorted(HTML_TAG, english) + " vs "
            + sorted(HTML_TAG, chinese));
      }
      if (looksUntranslated(english, chinese)) {
        problems.add("still English: " + key + " (\"" + english + "\")");
      }
    }
    for (Iterator<String> it = zhLabels.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!enLabels.has(key)) {
        problems.add("not in the 7.24 en.json (other version or typo): " + key);
      }
    }

    JsonNode enDates = en.path("dateLocales");
    JsonNode zhDates = zh.path("dateLocales");
    for (Iterator<Map.Entry<String, JsonNode>> it = enDates.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode ours = zhDates.get(entry.getKey());
      if (ours == null || ours.size() != entry.getValue().size()) {
        problems.add("dateLocales." + entry.getKey() + " missing or of another size");
      }
    }

    assertThat(problems).as(app + "/locales/zh.json against the webjar's en.json").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void theAppOffersChineseAndFallsBackToEnglish(String app) throws IOException {
    String config;
    try (InputStream in = ownResource(WEBJAR + app + "/scripts/config.js").openStream()) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String active = config.replaceAll("(?m)^\\s*//.*$", "");
    assertThat(active).as(app + "/scripts/config.js")
        .containsPattern("availableLocales\\s*:\\s*\\[[^\\]]*'zh'")
        .containsPattern("availableLocales\\s*:\\s*\\[[^\\]]*'en'")
        .containsPattern("fallbackLocale\\s*:\\s*'en'");
  }

  static boolean looksUntranslated(String english, String chinese) {
    if (!english.equals(chinese) || KEEP_AS_IS.contains(english.trim())) {
      return false;
    }
    String words = HTML_TAG.matcher(PLACEHOLDER.matcher(english).replaceAll("")).replaceAll("");
    return ENGLISH_WORD.matcher(words).find() && !HAN.matcher(chinese).find();
  }

  static List<String> sorted(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group().replaceAll("\\s+", ""));
    }
    Collections.sort(found);
    return found;
  }

  static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1); // the webjar's en.json files start with a byte order mark
      }
      return JSON.readTree(text);
    }
  }

  /** The file inside camunda-webapp-webjar (not one of ours that might shadow it). */
  static URL jarResource(String path) throws IOException {
    for (URL url : Collections.list(classLoader().getResources(path))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        return url;
      }
    }
    throw new AssertionError("not in camunda-webapp-webjar on the classpath: " + path);
  }

  /** Our own file (src/main/resources), the one the application serves instead of the jar's. */
  static URL ownResource(String path) throws IOException {
    for (URL url : Collections.list(classLoader().getResources(path))) {
      if (!url.toString().startsWith("jar:")) {
        return url;
      }
    }
    throw new AssertionError("not in src/main/resources: " + path);
  }

  static ClassLoader classLoader() {
    return WebappTranslationsTest.class.getClassLoader();
  }
}
