package dev.portcullis.security;

import jakarta.enterprise.event.Event;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.account.Accounts;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fresh proof before a sensitive change ("sudo mode"): the password and a current second-factor code.
 * The code goes through {@link VerifySecondFactor}, so it is throttled and used up like a login code;
 * the password is checked first, so a wrong password never spends a code.
 *
 * <p>Turning 2FA off, regenerating recovery codes and removing a key ask for the proof in their own
 * form. Adding a factor to an account that already has one asks for a proof made within the last
 * {@code portcullis.sudo.minutes} (default 5). A proof renews the session id.
 */
@ApplicationScoped
public class Reauthenticate {

  public static final String WRONG_PASSWORD = "That password is not right.";

  /** The session attribute holding when the caller last proved it is them. */
  static final String PROVEN_AT = "dev.portcullis.reauthenticatedAt";

  @Inject Accounts accounts;
  @Inject VerifySecondFactor verifier;
  @Inject HttpServletRequest request;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.sudo.minutes", defaultValue = "5")
  int sudoMinutes;

  /** The answer, with the message the page shows when it is not {@link Proven}. */
  public sealed interface Result {}

  public record Proven(Outcome.Accepted accepted) implements Result {}

  public record Refused(String field, String message) implements Result {}

  /** Checks {@code password} and {@code code} for the account; never throws for bad input. */
  public Result check(String accountId, String password, String code) {
    if (password == null || password.isEmpty() || !accounts.passwordMatches(accountId, password)) {
      return new Refused("password", WRONG_PASSWORD);
    }
    Outcome outcome = verifier.verify(accountId, code);
    if (outcome instanceof Outcome.Accepted accepted) {
      request.changeSessionId();
      request.getSession().setAttribute(PROVEN_AT, clock.instant());
      events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.REAUTHENTICATED));
      return new Proven(accepted);
    }
    return new Refused("code", VerifySecondFactor.messageFor(outcome));
  }

  /**
   * Returns whether the caller may add a factor now: the account has no second factor yet (its first
   * one is being set up right after the password), or the caller proved it is them within the last
   * {@code portcullis.sudo.minutes}.
   */
  public boolean mayChangeFactors(String accountId) {
    if (!verifier.twoFactorEnabled(accountId)) {
      return true;
    }
    HttpSession session = request.getSession(false);
    Object at = session == null ? null : session.getAttribute(PROVEN_AT);
    return at instanceof Instant proven
        && proven.plus(Duration.ofMinutes(sudoMinutes)).isAfter(clock.instant());
  }
}
