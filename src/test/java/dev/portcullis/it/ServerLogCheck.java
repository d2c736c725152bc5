package dev.portcullis.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server log stays clean: after each integration test class, every WARNING, ERROR or FATAL line
 * the managed Liberty wrote to {@code messages.log} since the class before must be one the class
 * expects ({@link ExpectedServerLog}). Anything else fails the class, with the lines. Registered
 * for every test (junit-platform.properties); it looks only when failsafe runs the integration
 * tests against the managed server.
 */
public class ServerLogCheck implements AfterAllCallback {

  private static final Path LOG =
      Path.of("target", "liberty", "wlp", "usr", "servers", "portcullis", "logs", "messages.log");

  /** {@code [date] thread logger L message}; continuation lines (stack traces) start otherwise. */
  private static final Pattern LINE =
      Pattern.compile("^\\[[^\\]]+\\] \\S+ (\\S+)\\s+([WEF]) (.*)$");

  private static final long STARTED =
      java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

  /** How far each version of the log (rolled at every server start) has been read. */
  private static final Map<Object, Long> READ = new ConcurrentHashMap<>();

  private static boolean usesTheManagedServer(Class<?> testClass) {
    org.junit.jupiter.api.extension.ExtendWith extensions =
        testClass.getAnnotation(org.junit.jupiter.api.extension.ExtendWith.class);
    return extensions != null
        && java.util.Arrays.asList(extensions.value())
            .contains(org.jboss.arquillian.junit5.ArquillianExtension.class);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (System.getProperty("arquillian.launch") == null
        || !Files.isRegularFile(LOG)
        || !usesTheManagedServer(context.getRequiredTestClass())) {
      // the runnable jar's tests run beside the others, on servers of their own
      return;
    }
    List<Pattern> expected = new ArrayList<>();
    ExpectedServerLog declared =
        context.getRequiredTestClass().getAnnotation(ExpectedServerLog.class);
    if (declared != null) {
      for (String regex : declared.value()) {
        expected.add(Pattern.compile(regex));
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String line : newLines()) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String entry = m.group(1) + " " + m.group(2) + " " + m.group(3);
      if (expected.stream().noneMatch(p -> p.matcher(entry).find())) {
        unexpected.add(entry.length() > 400 ? entry.substring(0, 400) + "…" : entry);
      }
    }
    if (!unexpected.isEmpty()) {
      throw new AssertionError(
          "The server log has "
              + unexpected.size()
              + " WARNING/ERROR line(s) that "
              + context.getRequiredTestClass().getSimpleName()
              + " did not expect (declare deliberate ones with @ExpectedServerLog):\n  "
              + String.join("\n  ", unexpected));
    }
  }

  private static synchronized List<String> newLines() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(LOG, BasicFileAttributes.class);
    Object version = attributes.fileKey();
    // a log last written before this test JVM started belongs to an earlier run (another failsafe
    // execution's server): none of it is this run's
    long from =
        READ.computeIfAbsent(
            version,
            v -> attributes.lastModifiedTime().toMillis() < STARTED ? attributes.size() : 0L);
    try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
      long to = file.length();
      if (to < from) {
        from = 0;
      }
      byte[] bytes = new byte[(int) (to - from)];
      file.seek(from);
      file.readFully(bytes);
      // only whole lines: a line being written is read next time
      int end = new String(bytes, StandardCharsets.UTF_8).lastIndexOf('\n') + 1;
      String text = new String(bytes, StandardCharsets.UTF_8).substring(0, end);
      READ.put(version, from + text.getBytes(StandardCharsets.UTF_8).length);
      return text.lines().toList();
    }
  }
}
