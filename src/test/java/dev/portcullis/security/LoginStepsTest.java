package dev.portcullis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.factor.SecondFactorMethod.Verified;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.security.LoginSteps.AfterCode.Kind;
import dev.portcullis.security.LoginSteps.AfterPassword;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The two-step login as a state machine, without a server. */
class LoginStepsTest {

  private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
  private static final PendingLogin PENDING =
      new PendingLogin("account", T, T.plus(Duration.ofMinutes(5)), 0);
  private static final Outcome ACCEPTED = new Outcome.Accepted(new Verified("TOTP", 0, -1));
  private static final Outcome WRONG = new Outcome.Rejected(1);

  @Test
  void aRightPasswordIsALoginOnlyWithoutASecondFactor() {
    assertEquals(
        AfterPassword.SECOND_STEP_DUE,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.RIGHT, false, true, false));
    assertEquals(
        AfterPassword.SIGNED_IN,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.RIGHT, false, false, false));
    assertEquals(
        AfterPassword.SIGNED_IN_TO_ENROLL,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.RIGHT, false, false, true));
  }

  @Test
  void aBlockedAccountGetsNoLoginAndNoSecondStepWhateverItsFactors() {
    for (boolean twoFactorOn : new boolean[] {true, false}) {
      for (boolean mustEnroll : new boolean[] {true, false}) {
        assertEquals(
            AfterPassword.BLOCKED,
            LoginSteps.afterPassword(
                PasswordThrottle.Verdict.RIGHT, true, twoFactorOn, mustEnroll));
      }
    }
    assertEquals(
        AfterPassword.REFUSED,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.WRONG, true, true, false),
        "a wrong password says nothing of the block");
  }

  @Test
  void aWrongOrPausedPasswordLeadsNowhere() {
    assertEquals(
        AfterPassword.REFUSED,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.WRONG, false, true, false));
    assertEquals(
        AfterPassword.PAUSED,
        LoginSteps.afterPassword(PasswordThrottle.Verdict.PAUSED, false, false, true));
  }

  @Test
  void aRightCodeCompletesThePendingLogin() {
    var next = LoginSteps.afterCode(PENDING, ACCEPTED);
    assertEquals(Kind.SIGNED_IN, next.kind());
    assertNull(next.pending(), "the second step is over");
  }

  @Test
  void aCodeWithoutAPendingLoginLeadsBackToThePasswordWhateverItIs() {
    assertEquals(Kind.START_AGAIN, LoginSteps.afterCode(null, ACCEPTED).kind());
  }

  @Test
  void theFifthWrongCodeEndsThePendingLogin() {
    PendingLogin pending = PENDING;
    for (int i = 1; i < PendingLogin.MAX_ATTEMPTS; i++) {
      var next = LoginSteps.afterCode(pending, WRONG);
      assertEquals(Kind.REFUSED, next.kind(), "wrong code " + i);
      assertEquals(i, next.pending().failedAttempts());
      pending = next.pending();
    }
    var last = LoginSteps.afterCode(pending, WRONG);
    assertEquals(Kind.START_AGAIN, last.kind());
    assertNull(last.pending());
  }

  @Test
  void inputThatWasNoGuessCountsNothing() {
    for (Outcome notAGuess :
        new Outcome[] {
          new Outcome.Malformed("not a code"), new Outcome.Unavailable("down"), null
        }) {
      var next = LoginSteps.afterCode(PENDING, notAGuess);
      assertEquals(Kind.REFUSED, next.kind());
      assertEquals(PENDING, next.pending());
    }
  }

  @Test
  void anExpiredPendingLoginIsNoneAtAll() {
    assertEquals(PENDING, LoginSteps.live(PENDING, T.plus(Duration.ofMinutes(5)).minusMillis(1)));
    assertNull(LoginSteps.live(PENDING, T.plus(Duration.ofMinutes(5))));
    assertNull(LoginSteps.live(null, T));
  }

  /** Whatever the codes, no sequence of refusals signs anyone in, and at most five are wrong. */
  @Property(tries = 500)
  void onlyAnAcceptedCodeSignsIn(@ForAll @IntRange(min = 0, max = 40) int wrongCodes) {
    PendingLogin pending = PENDING;
    int counted = 0;
    for (int i = 0; i < wrongCodes && pending != null; i++) {
      var next = LoginSteps.afterCode(pending, i % 3 == 0 ? new Outcome.Malformed("x") : WRONG);
      assertEquals(next.pending() == null ? Kind.START_AGAIN : Kind.REFUSED, next.kind());
      pending = next.pending();
      counted = pending == null ? counted + 1 : pending.failedAttempts();
    }
    org.junit.jupiter.api.Assertions.assertTrue(counted <= PendingLogin.MAX_ATTEMPTS);
  }
}
