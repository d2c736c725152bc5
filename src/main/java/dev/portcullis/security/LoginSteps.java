package dev.portcullis.security;

import dev.portcullis.factor.VerifySecondFactor.Outcome;
import java.time.Instant;

/**
 * The two-step login as a state machine, pure: given where a session stands and what the step
 * brought, where it goes next. The mechanism applies the answer to the session; the rules are
 * unit-tested here without a server.
 *
 * <pre>
 *            password right, sign-in blocked ("This wasn't me") ───► (none): reset the password
 *            password right, no factor ───────────────────────────► SIGNED_IN
 *            password right, policy says "enroll now" ─────────────► SIGNED_IN_TO_ENROLL
 *  (none) ── password right, a factor ──► PENDING ── code accepted ► SIGNED_IN
 *            password wrong / paused ──► (none)      code wrong ──► PENDING (one failure more)
 *                                                    5th wrong, or expired ──► (none): start again
 *                                                    malformed / service unavailable ──► PENDING (as it was)
 * </pre>
 */
public final class LoginSteps {

  private LoginSteps() {}

  /** Where the password step leads. */
  public enum AfterPassword {
    BLOCKED,
    PAUSED,
    REFUSED,
    SECOND_STEP_DUE,
    SIGNED_IN,
    SIGNED_IN_TO_ENROLL
  }

  /**
   * The password step.
   *
   * @param verdict what the password throttle said
   * @param blocked whether the account's owner blocked sign-in until a password reset
   * @param twoFactorOn whether the account has an active second factor
   * @param mustEnrollNow whether the 2FA policy requires a factor before anything else
   */
  public static AfterPassword afterPassword(
      PasswordThrottle.Verdict verdict,
      boolean blocked,
      boolean twoFactorOn,
      boolean mustEnrollNow) {
    return switch (verdict) {
      case PAUSED -> AfterPassword.PAUSED;
      case WRONG -> AfterPassword.REFUSED;
      case RIGHT ->
          blocked
              ? AfterPassword.BLOCKED
              : twoFactorOn
                  ? AfterPassword.SECOND_STEP_DUE
                  : mustEnrollNow ? AfterPassword.SIGNED_IN_TO_ENROLL : AfterPassword.SIGNED_IN;
    };
  }

  /** Where the code step leads; {@code pending} is what the session holds after it. */
  public record AfterCode(Kind kind, PendingLogin pending) {

    public enum Kind {
      /** No live pending login (none, expired, or ended by this wrong code): the password again. */
      START_AGAIN,
      /** The code was right: the login is complete. */
      SIGNED_IN,
      /** The code was refused; the pending login goes on. */
      REFUSED
    }
  }

  /**
   * Returns the pending login of a session at {@code now}: {@code pending}, or null when there is
   * none or it has expired.
   */
  public static PendingLogin live(PendingLogin pending, Instant now) {
    return pending == null || pending.expiredAt(now) ? null : pending;
  }

  /**
   * The code step.
   *
   * @param pending the session's live pending login, or null
   * @param outcome what {@code VerifySecondFactor} said of the code, or null when no code was
   *     compared; ignored without a pending login
   */
  public static AfterCode afterCode(PendingLogin pending, Outcome outcome) {
    if (pending == null) {
      return new AfterCode(AfterCode.Kind.START_AGAIN, null);
    }
    if (outcome instanceof Outcome.Accepted) {
      return new AfterCode(AfterCode.Kind.SIGNED_IN, null);
    }
    if (!(outcome instanceof Outcome.Rejected)) {
      // malformed, or the checking service was unavailable: not a guess, nothing was compared
      return new AfterCode(AfterCode.Kind.REFUSED, pending);
    }
    PendingLogin next = pending.withFailure();
    return next.exhausted()
        ? new AfterCode(AfterCode.Kind.START_AGAIN, null)
        : new AfterCode(AfterCode.Kind.REFUSED, next);
  }
}
