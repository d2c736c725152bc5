package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar the package phase made ({@code target/portcullis.jar}), started with {@code java
 * -jar} as an operator would: settings in environment variables, its own extraction folder and
 * console log under {@code target/runnable-jar/<name>}. The login benchmark starts it this way too.
 */
public final class RunnableJar implements AutoCloseable {

  /**
   * The classes that start runnable jars run one at a time (beside the managed server's tests), so
   * no more than one or two extra servers compete for the cores.
   */
  static final String LOCK = "runnable-jar";

  private static final Path JAR =
      Path.of(System.getProperty("portcullis.jar", "target/portcullis.jar"));
  private static final Path WORK = Path.of("target", "runnable-jar");

  private final String name;
  private final Process process;
  private final int httpPort;
  private final int httpsPort;
  private final Path log;

  private RunnableJar(String name, Process process, int httpPort, int httpsPort, Path log) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.log = log;
  }

  /** Starts the jar on the given ports with {@code settings} as environment variables. */
  public static RunnableJar start(
      String name, int httpPort, int httpsPort, Map<String, String> settings) throws IOException {
    assertTrue(Files.isRegularFile(JAR), "the package phase made " + JAR);
    Path dir = WORK.resolve(name).toAbsolutePath();
    // the jar refuses to unpack into a folder that exists: each start gets a fresh one
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("console.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("WLP_JAR_EXTRACT_DIR", dir.resolve("wlp").toString());
    env.put("HTTP_PORT", String.valueOf(httpPort));
    env.put("HTTPS_PORT", String.valueOf(httpsPort));
    env.putAll(settings);
    return new RunnableJar(name, builder.start(), httpPort, httpsPort, log);
  }

  /** The portal's address over HTTPS. */
  String base() {
    return "https://localhost:" + httpsPort + "/portcullis/";
  }

  URL url() throws IOException {
    return URI.create(base()).toURL();
  }

  /** The {@code java -jar} process (the launcher; Liberty runs in a child JVM of it). */
  public Process process() {
    return process;
  }

  /** Waits until {@code /health/ready} answers UP with the database check. */
  void awaitReady() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create("http://localhost:" + httpPort + "/health/ready");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail(name + " stopped: " + tail());
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"database\"")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(1000);
    }
    fail(name + " not ready within 4 minutes: " + tail());
  }

  /** The console log so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** The last 30 lines of the console log. */
  public String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Stops the server as a supervisor would (SIGTERM), forcibly after a minute. */
  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
