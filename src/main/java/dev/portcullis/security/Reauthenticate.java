package dev.portcullis.security;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.platform.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fresh proof before a sensitive change ("sudo mode"): the password and a current second-factor
 * code.
 *
 * <p>The password goes through the {@link PasswordThrottle} exactly like the login's (same counts
 * per email and per client address, same pause), so "confirm it's you" is no side door for guessing
 * it. The code goes through {@link VerifySecondFactor}, so it is throttled and used up like a login
 * code; the password is checked first, so a wrong password never spends a code. A refused proof
 * never says which half was wrong: a wrong password and a wrong code get the same words in the same
 * place. Only input that cannot be a code at all is told so, and that is decided before the
 * password is looked at.
 *
 * <p>Turning 2FA off, regenerating recovery codes, removing a key and an administrator's reset ask
 * for the proof in their own form. Adding a factor to an account that already has one asks for a
 * proof made within the last {@code portcullis.sudo.minutes} (default 5). A proof renews the
 * session id.
 */
@ApplicationScoped
public class Reauthenticate {

  /** The one answer to a proof whose password or code is wrong. */
  public static final String FAILED_PROOF =
      "That password or code didn't work. Check both and try again (a code from your authenticator app,"
          + " a touch of your YubiKey, or a recovery code).";

  /** The answer while password attempts for the account or from this network are paused. */
  public static final String PAUSED =
      "Too many wrong passwords for this account or from your network. Please wait a few minutes and try"
          + " again.";

  /** The session attribute holding when the caller last proved it is them. */
  static final String PROVEN_AT = "dev.portcullis.reauthenticatedAt";

  @Inject Accounts accounts;
  @Inject VerifySecondFactor verifier;
  @Inject SecondFactors factors;
  @Inject PasswordThrottle throttle;
  @Inject ClientAddress clientAddress;
  @Inject HttpServletRequest request;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.sudo.minutes", defaultValue = "5")
  int sudoMinutes;

  /** The answer, with the message the page shows when it is not {@link Proven}. */
  public sealed interface Result {}

  /**
   * A proof that holds.
   *
   * @param accepted the second factor's answer; empty for an account without 2FA, whose proof is
   *     its password alone
   */
  public record Proven(Optional<Outcome.Accepted> accepted) implements Result {}

  /**
   * A refused proof.
   *
   * @param field the form field the message goes with: always {@code code}, whichever half was
   *     wrong
   */
  public record Refused(String field, String message) implements Result {}

  /**
   * Checks {@code password} and {@code code} for the account (the password alone when it has no
   * second factor); never throws for bad input.
   */
  public Result check(String accountId, String password, String code) {
    boolean twoFactor = factors.enabled(accountId);
    Optional<String> notACode = twoFactor ? verifier.problemWithShape(code) : Optional.empty();
    if (notACode.isPresent()) {
      return new Refused("code", notACode.get());
    }
    Optional<Account> account = accounts.find(accountId);
    if (account.isEmpty()) {
      return new Refused("code", FAILED_PROOF);
    }
    PasswordThrottle.Verdict verdict =
        throttle.attempt(
            account.get().email(),
            clientAddress.of(request),
            () ->
                password != null
                    && !password.isEmpty()
                    && accounts.passwordMatches(accountId, password));
    if (verdict == PasswordThrottle.Verdict.PAUSED) {
      events.fire(
          new SecurityEvent(accountId, SecurityEvent.Type.PASSWORD_THROTTLED, "confirm it's you"));
      return new Refused("code", PAUSED);
    }
    if (verdict == PasswordThrottle.Verdict.WRONG) {
      return new Refused("code", FAILED_PROOF);
    }
    if (!twoFactor) {
      return proven(accountId, Optional.empty());
    }
    Outcome outcome = verifier.verify(accountId, code);
    if (outcome instanceof Outcome.Accepted accepted) {
      return proven(accountId, Optional.of(accepted));
    }
    // wrong, used, locked, or the YubiKey service did not answer: to someone guessing the password,
    // each of these would say it was right, so all get the answer of a wrong password
    return new Refused("code", FAILED_PROOF);
  }

  private Proven proven(String accountId, Optional<Outcome.Accepted> accepted) {
    request.changeSessionId();
    request.getSession().setAttribute(PROVEN_AT, clock.instant());
    events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.REAUTHENTICATED));
    return new Proven(accepted);
  }

  /**
   * Returns whether the caller may add a factor now: the account has no second factor yet (its
   * first one is being set up right after the password), or the caller proved it is them within the
   * last {@code portcullis.sudo.minutes}.
   */
  public boolean mayChangeFactors(String accountId) {
    if (!factors.enabled(accountId)) {
      return true;
    }
    HttpSession session = request.getSession(false);
    Object at = session == null ? null : session.getAttribute(PROVEN_AT);
    return at instanceof Instant proven
        && proven.plus(Duration.ofMinutes(sudoMinutes)).isAfter(clock.instant());
  }
}
