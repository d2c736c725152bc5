package dev.portcullis.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts security events for {@code /metrics}: second-factor code checks by result (at login,
 * enrollment and "confirm it's you" alike; password checks come from the login mechanism through
 * {@link #loginAttempt}), completed logins, enrollments by method, lockouts, replays and admin
 * actions. Counts only: no account, address or code is ever a tag. The latency of code checks is
 * timed where they happen ({@code factor.VerifySecondFactor}).
 */
@ApplicationScoped
public class SecurityMetrics {

  static final String LOGIN_ATTEMPTS = "portcullis.login.attempts";

  @Inject MetricRegistry registry;

  void count(@Observes SecurityEvent event) {
    switch (event.type()) {
      case CODE_ACCEPTED -> codeStep("accepted");
      case CODE_REJECTED -> codeStep("rejected");
      case CODE_UNCHECKED -> codeStep("unavailable");
      case LOGIN_COMPLETED -> registry.counter("portcullis.logins.completed").inc();
      case FACTOR_ADDED ->
          registry
              .counter(
                  "portcullis.enrollments",
                  new Tag("method", event.detail().startsWith("YubiKey") ? "yubikey" : "totp"))
              .inc();
      case SECOND_STEP_LOCKED -> registry.counter("portcullis.lockouts").inc();
      case REPLAY_DETECTED -> registry.counter("portcullis.replays").inc();
      case TWO_FACTOR_RESET_BY_ADMIN, SECOND_STEP_UNLOCKED ->
          registry
              .counter(
                  "portcullis.admin.actions",
                  new Tag("action", event.type().name().toLowerCase(Locale.ROOT)))
              .inc();
      default -> {}
    }
  }

  /**
   * Counts one attempt at a step of the login: {@code password} (counted by the login mechanism,
   * since a wrong password for an unknown email has no account to record an event on) or {@code
   * code}.
   */
  public void loginAttempt(String step, String result) {
    registry.counter(LOGIN_ATTEMPTS, new Tag("step", step), new Tag("result", result)).inc();
  }

  private void codeStep(String result) {
    loginAttempt("code", result);
  }
}
