package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An operator's typo must not leave a server running without its portal: the runnable jar, given
 * wrong settings, says which ones and why (here in JSON log lines, as for a log collector), and
 * stops with exit code 1.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RunnableJar.LOCK)
public class BadConfigurationIT {

  @Test
  void wrongSettingsStopTheServerAtStartNamingEachOne() throws Exception {
    try (RunnableJar jar =
        RunnableJar.start(
            "bad-configuration",
            9191,
            9554,
            Map.of(
                "PORTCULLIS_SECRET_KEY", "not base64 at all!",
                "PORTCULLIS_POLICY_REQUIRE_2FA", "sometimes",
                "PORTCULLIS_ADMIN_EMAILS", "ops-at-example.com",
                "PORTCULLIS_THROTTLE_LOCK_AFTER", "500",
                "PORTCULLIS_TOTP_ISSUER", "Acme: Bank",
                "PORTCULLIS_MAIL_SECURITY", "startls",
                "PORTCULLIS_MAIL_BASE_URL", "http://portal.example.com",
                "PORTCULLIS_MAIL_PASSWORD", "smtp-secret-value",
                "PORTCULLIS_RECOVERY_DELAY_HOURS", "1000",
                // as for a log collector: one JSON object per line
                "WLP_LOGGING_CONSOLE_FORMAT", "JSON"))) {
      assertTrue(
          jar.process().waitFor(4, TimeUnit.MINUTES),
          "the server stopped by itself: " + jar.tail());
      assertEquals(1, jar.process().exitValue(), jar.tail());
      String log = jar.log();
      for (String setting :
          new String[] {
            "portcullis.secret-key",
            "portcullis.policy.require-2fa",
            "portcullis.admin.emails",
            "portcullis.throttle.lock-after",
            "portcullis.totp.issuer",
            "portcullis.mail.security",
            "portcullis.mail.base-url",
            "portcullis.mail.password",
            "portcullis.recovery.delay-hours"
          }) {
        assertTrue(log.contains(setting), "the log names " + setting + ":\n" + jar.tail());
      }
      assertFalse(log.contains("not base64 at all!"), "a secret setting's value is never logged");
      assertFalse(log.contains("smtp-secret-value"), "nor the SMTP password");
      String failure =
          log.lines().filter(l -> l.contains("Portcullis cannot start")).findFirst().orElseThrow();
      assertTrue(
          failure.startsWith("{")
              && failure.endsWith("}")
              && failure.contains("\"loglevel\":\"SEVERE\""),
          "logged as one JSON object: " + failure);
      assertFalse(
          log.contains("CWWKZ0001I: Application portcullis started"), "the portal never served");
    }
  }
}
