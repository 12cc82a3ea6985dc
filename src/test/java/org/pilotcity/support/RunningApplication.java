package org.pilotcity.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.pilotcity.PilotCityApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application, started as `mvn spring-boot:run` would (web server on a free port), so a
 * test can stop it and start it again on the same database.
 */
public final class RunningApplication implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ConfigurableApplicationContext context;

  private RunningApplication(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static RunningApplication start(String profile, Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--camunda.bpm.job-execution.enabled=false");
    args.add("--logging.level.root=WARN");
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(PilotCityApplication.class);
    if (profile != null) {
      builder.profiles(profile);
    }
    return new RunningApplication(builder.run(args.toArray(String[]::new)));
  }

  public ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public JdbcTemplate jdbc() {
    return context.getBean(JdbcTemplate.class);
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** GET without credentials. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** GET with HTTP Basic credentials. */
  public HttpResponse<String> get(String path, String user, String password) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password)).GET());
  }

  public HttpResponse<String> post(String path, String user, String password, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> put(String path, String user, String password, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("HTTP request failed", e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
