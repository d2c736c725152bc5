package dev.portcullis.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks every setting first thing at start-up ({@link StartupCheck}s: secret key, database,
 * throttle, password hashing, administrators, 2FA policy) and reports all wrong ones at once, each
 * naming its setting. Then the application does not start; with {@code
 * portcullis.stop-server-on-bad-configuration} (set by the portal's own server.xml, so for {@code
 * mvn liberty:run} and the runnable jar) the whole server stops with exit code 1, so that a
 * supervisor sees the failure instead of a running server without its application. On a shared
 * Liberty the setting is off: only this application fails.
 */
@ApplicationScoped
public class ConfigurationCheck {

  private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

  @Inject @Any Instance<StartupCheck> checks;

  @Inject
  @ConfigProperty(name = "portcullis.stop-server-on-bad-configuration", defaultValue = "false")
  boolean stopServer;

  void atStartup(
      @Observes @Priority(DatabaseMigrations.AT_STARTUP - 100) @Initialized(ApplicationScoped.class)
          Object context) {
    List<String> problems = new ArrayList<>();
    for (StartupCheck check : checks) {
      try {
        check.check();
      } catch (RuntimeException e) {
        problems.add(rootMessage(e));
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    String message = "Portcullis cannot start. " + String.join(" ", problems);
    LOG.severe(message);
    if (stopServer) {
      LOG.severe("Stopping the server (portcullis.stop-server-on-bad-configuration=true).");
      // from another thread: Liberty's shutdown waits for this start-up to give up
      Thread stopper = new Thread(() -> System.exit(1), "portcullis-stop-on-bad-configuration");
      stopper.setDaemon(true);
      stopper.start();
    }
    throw new IllegalStateException(message);
  }

  /** The innermost message: CDI wraps what a {@code @PostConstruct} throws. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : root.toString();
    return message.endsWith(".") ? message : message + ".";
  }
}
