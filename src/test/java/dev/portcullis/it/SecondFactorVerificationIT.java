package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.Accounts;
import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.security.PasswordThrottle;
import dev.portcullis.security.Reauthenticate;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.commons.codec.binary.Base32;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verification rules of DESIGN.md, checked inside Liberty with JPA on the real database:
 * enrollment, replay, the time window, parallel requests, recovery codes and the failure throttle.
 */
@ExtendWith(ArquillianExtension.class)
public class SecondFactorVerificationIT extends ClockResetting {

  /** A moment in the middle of a 30-second step, so that ±1 step is unambiguous. */
  private static final Instant MID_STEP = Instant.parse("2026-11-27T12:00:15Z");

  @Inject RegisterAccount registerAccount;
  @Inject EnrollTotp enrollTotp;
  @Inject VerifySecondFactor verifier;
  @Inject SecondFactors secondFactors;
  @Inject RecoveryCodes recoveryCodes;
  @Inject Accounts accounts;
  @Inject Reauthenticate reauthenticate;
  @Inject PasswordThrottle passwordThrottle;
  @Inject jakarta.servlet.http.HttpServletRequest request;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private final Totp totp = Totp.standard();
  private String accountId;
  private String email;
  private byte[] secret;

  @BeforeEach
  void anAccountWithAnAuthenticatorApp() throws Exception {
    MovableClock.set(MID_STEP);
    email = "verify-" + UUID.randomUUID() + "@example.com";
    accountId =
        registerAccount
            .register(
                email,
                "Verification Test",
                "correct horse battery staple",
                "correct horse battery staple")
            .id();
    EnrollTotp.PendingSecret pending = enrollTotp.begin(accountId, "verify@example.com");
    secret = new Base32().decode(pending.base32Secret());
    assertEquals(20, secret.length, "160-bit secret");
    assertInstanceOf(
        SecondFactorMethod.Check.Passed.class,
        enrollTotp.confirm(accountId, typed(codeAt(MID_STEP))));
    MovableClock.advance(Duration.ofSeconds(30));
  }

  private String codeAt(Instant time) {
    return totp.codeAt(secret, totp.stepAt(time));
  }

  private static TypedCode typed(String code) {
    return TypedCode.of(code).orElseThrow();
  }

  @Test
  void acceptsTheCurrentCode() {
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(accountId, codeAt(MovableClock.now())));
    assertTrue(secondFactors.enabled(accountId));
  }

  @Test
  void rejectsACodeAlreadyUsedInThisTimeStep() {
    String code = codeAt(MovableClock.now());
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, code));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, code));
  }

  @Test
  void theEnrollmentCodeUsesUpItsStep() {
    MovableClock.set(MID_STEP);
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, codeAt(MID_STEP)));
  }

  @Test
  void rejectsACodeTwoStepsOld() {
    Instant now = MovableClock.now().plus(Duration.ofMinutes(5));
    MovableClock.set(now);
    assertInstanceOf(
        Outcome.Rejected.class, verifier.verify(accountId, codeAt(now.minusSeconds(60))));
  }

  @Test
  void acceptsACodeOneStepOldOrAheadForAClockSlightlyOff() {
    Instant now = MovableClock.now().plus(Duration.ofMinutes(5));
    MovableClock.set(now);
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(accountId, codeAt(now.minusSeconds(30))));
    MovableClock.advance(Duration.ofSeconds(30));
    assertInstanceOf(
        Outcome.Accepted.class,
        verifier.verify(accountId, codeAt(MovableClock.now().plusSeconds(30))));
  }

  @Test
  void rejectsAnOlderStepAfterANewerOneWasAccepted() {
    Instant now = MovableClock.now().plus(Duration.ofMinutes(5));
    MovableClock.set(now);
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, codeAt(now)));
    assertInstanceOf(
        Outcome.Rejected.class, verifier.verify(accountId, codeAt(now.minusSeconds(30))));
  }

  @Test
  void tellsTheUserWhenTheDeviceClockIsConsistentlyBehind() {
    Instant now = MovableClock.now().plus(Duration.ofMinutes(5));
    MovableClock.set(now);
    var first = (Outcome.Accepted) verifier.verify(accountId, codeAt(now.minusSeconds(30)));
    assertEquals(
        0, first.verified().clockOffsetSeconds(), "one boundary-crossing code says nothing");
    MovableClock.advance(Duration.ofSeconds(30));
    var second =
        (Outcome.Accepted) verifier.verify(accountId, codeAt(MovableClock.now().minusSeconds(30)));
    assertEquals(-30, second.verified().clockOffsetSeconds());
  }

  @Test
  void ignoresSpacesInTheTypedCode() {
    String code = codeAt(MovableClock.now());
    assertInstanceOf(
        Outcome.Accepted.class,
        verifier.verify(accountId, " " + code.substring(0, 3) + " " + code.substring(3) + " "));
  }

  @Test
  void refusesAnythingButSixDigitsAsMalformedWithoutCountingAFailure() throws Exception {
    for (String input : new String[] {"12345", "12345a", "１２３４５６", "", "123-45", "' OR 1=1 --"}) {
      assertInstanceOf(Outcome.Malformed.class, verifier.verify(accountId, input), input);
    }
    assertEquals(0, failuresInDatabase());
  }

  @Test
  void theSameCodeSentInParallelSucceedsExactlyOnce() throws Exception {
    String code = codeAt(MovableClock.now());
    List<Outcome> outcomes = inParallel(16, () -> verifier.verify(accountId, code));
    assertEquals(
        1,
        outcomes.stream().filter(Outcome.Accepted.class::isInstance).count(),
        outcomes::toString);
  }

  @Test
  void recoveryCodesWorkOnceEachInAnyOrderAndAreStoredOnlyAsHashes() throws Exception {
    List<String> codes = recoveryCodes.regenerate(accountId);
    assertEquals(10, codes.size());
    assertEquals(10, codes.stream().distinct().count());
    for (String code : codes) {
      assertTrue(code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"), "80-bit base32 code");
      assertFalse(databaseContains(code.replace("-", "")), "stored in clear");
    }
    var last =
        (Outcome.Accepted) verifier.verify(accountId, codes.get(9).toUpperCase().replace("-", " "));
    assertEquals(9, last.verified().remainingRecoveryCodes());
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, codes.get(2)));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, codes.get(9)));
    assertEquals(8, recoveryCodes.remaining(accountId));
  }

  @Test
  void aRecoveryCodeSentInParallelIsConsumedOnce() throws Exception {
    String code = recoveryCodes.regenerate(accountId).get(0);
    List<Outcome> outcomes = inParallel(16, () -> verifier.verify(accountId, code));
    assertEquals(
        1,
        outcomes.stream().filter(Outcome.Accepted.class::isInstance).count(),
        outcomes::toString);
    assertEquals(9, recoveryCodes.remaining(accountId));
  }

  @Test
  void theSecretIsNotStoredInClear() throws Exception {
    assertFalse(databaseContains(new Base32().encodeAsString(secret).replace("=", "")));
  }

  @Test
  void locksTheSecondStepAfterTwentyFailuresAndAnswersLikeAWrongCode() throws Exception {
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    for (int i = 1; i <= 20; i++) {
      var outcome = (Outcome.Rejected) verifier.verify(accountId, wrong);
      assertEquals(i, outcome.consecutiveFailures());
    }
    assertEquals(
        java.time.LocalDateTime.ofInstant(
            MovableClock.now().plus(Duration.ofMinutes(15)), java.time.ZoneOffset.UTC),
        lockedUntilInDatabase(),
        "locked for 15 minutes");
    assertInstanceOf(
        Outcome.Rejected.class,
        verifier.verify(accountId, codeAt(MovableClock.now())),
        "a right code is refused while locked");
    MovableClock.advance(Duration.ofMinutes(16));
    assertInstanceOf(
        Outcome.Accepted.class,
        verifier.verify(accountId, codeAt(MovableClock.now())),
        "the lock ends after 15 minutes");
    assertEquals(0, failuresInDatabase(), "a correct code resets the count");
  }

  @Test
  void recordsCodeResultsReplaysLockoutAndRecoveryCodesAsSecurityEvents() throws Exception {
    String code = codeAt(MovableClock.now());
    verifier.verify(accountId, code);
    verifier.verify(accountId, code);
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 20; i++) {
      verifier.verify(accountId, wrong);
    }
    List<String> recovery = recoveryCodes.regenerate(accountId);
    MovableClock.advance(Duration.ofMinutes(16));
    verifier.verify(accountId, recovery.get(0));
    List<String> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT event_type, detail, client_address FROM security_event WHERE account_id = ?")) {
      s.setString(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          events.add(r.getString(1));
          assertFalse(
              r.getString(2).contains(code) || r.getString(2).contains(recovery.get(0)),
              "no code in an event");
          assertEquals("127.0.0.1", r.getString(3), "the client address of the request");
        }
      }
    }
    for (String type :
        List.of(
            "FACTOR_ADDED",
            "CODE_ACCEPTED",
            "REPLAY_DETECTED",
            "CODE_REJECTED",
            "SECOND_STEP_LOCKED",
            "RECOVERY_CODES_REGENERATED",
            "RECOVERY_CODE_USED")) {
      assertTrue(events.contains(type), type + " in " + events);
    }
  }

  @Test
  void fiftyParallelWrongCodesAreAllCountedAndGetNoExtraGuesses() throws Exception {
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    inParallel(50, () -> verifier.verify(accountId, wrong));
    assertEquals(50, failuresInDatabase());
    assertInstanceOf(
        Outcome.Rejected.class,
        verifier.verify(accountId, codeAt(MovableClock.now())),
        "locked: even the right code is not checked");
  }

  @Test
  void wrongCodesInARowMustWaitLongerAndLonger() throws Exception {
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 3; i++) {
      verifier.verify(accountId, wrong);
    }
    String right = codeAt(MovableClock.now());
    assertInstanceOf(
        Outcome.Rejected.class, verifier.verify(accountId, right), "too soon after three");
    MovableClock.advance(Duration.ofSeconds(1));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, right), "the wait doubled");
    MovableClock.advance(Duration.ofSeconds(4));
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(accountId, right), "unused, so still good");
    assertEquals(0, failuresInDatabase());
  }

  @Test
  void aCorrectPasswordDoesNotResetTheCodeCount() throws Exception {
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    verifier.verify(accountId, wrong);
    verifier.verify(accountId, wrong);
    assertTrue(accounts.authenticate(email, "correct horse battery staple").isPresent());
    assertEquals(2, failuresInDatabase());
  }

  @Test
  void theEnrollmentCodeIsCountedByTheSameLimiter() throws Exception {
    String other =
        registerAccount
            .register(
                "enroll-" + UUID.randomUUID() + "@example.com",
                "Enroll",
                "correct horse battery staple",
                "correct horse battery staple")
            .id();
    enrollTotp.begin(other, "enroll@example.com");
    Outcome outcome =
        verifier.verify(other, "000000", c -> c.isDigits(6), c -> enrollTotp.confirm(other, c));
    assertInstanceOf(Outcome.Rejected.class, outcome);
    assertEquals(1, ((Outcome.Rejected) outcome).consecutiveFailures());
  }

  @Test
  void aCheckThatThrowsLeavesTheCountAsItWas() throws Exception {
    String wrong = codeAt(MovableClock.now()).equals("000000") ? "111111" : "000000";
    verifier.verify(accountId, wrong);
    assertEquals(1, failuresInDatabase());
    for (int i = 0; i < 3; i++) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class,
          () ->
              verifier.verify(
                  accountId,
                  "123456",
                  c -> true,
                  c -> {
                    throw new IllegalStateException(
                        "a fault of the check, after the attempt was claimed");
                  }));
    }
    assertEquals(1, failuresInDatabase(), "a check that crashed was no guess");
    MovableClock.advance(Duration.ofSeconds(30));
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(accountId, codeAt(MovableClock.now())));
  }

  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void confirmingItsYouCountsWrongPasswordsLikeTheLogin() {
    request.getSession(true);
    String code = codeAt(MovableClock.now());
    for (int i = 0; i < 10; i++) {
      Reauthenticate.Result refused = reauthenticate.check(accountId, "not my password " + i, code);
      assertEquals(new Reauthenticate.Refused("code", Reauthenticate.FAILED_PROOF), refused);
    }
    assertTrue(
        passwordThrottle.paused(email, "203.0.113.7").isPresent(), "the login form is paused too");
    assertEquals(
        new Reauthenticate.Refused("code", Reauthenticate.PAUSED),
        reauthenticate.check(accountId, PASSWORD, code),
        "paused: even the right password is not looked at");
    MovableClock.advance(Duration.ofMinutes(16));
    assertInstanceOf(
        Reauthenticate.Proven.class,
        reauthenticate.check(accountId, PASSWORD, codeAt(MovableClock.now())));
  }

  @Test
  void aRefusedProofNeverSaysWhichHalfWasWrong() {
    request.getSession(true);
    String right = codeAt(MovableClock.now());
    String wrong = right.equals("000000") ? "111111" : "000000";
    assertEquals(
        reauthenticate.check(accountId, "not my password", right),
        reauthenticate.check(accountId, PASSWORD, wrong),
        "a wrong password and a wrong code get the same answer, in the same place");
    int counted = passwordThrottle.failuresFor(email);
    assertEquals(
        reauthenticate.check(accountId, "not my password", "12"),
        reauthenticate.check(accountId, PASSWORD, "12"),
        "input that is no code is told so whatever the password");
    assertEquals(
        counted, passwordThrottle.failuresFor(email), "and its password was not looked at");
  }

  private <T> List<T> inParallel(int n, Callable<T> task) throws Exception {
    return Parallel.run(executor, n, task);
  }

  /** The lock's end as stored: UTC wall-clock time. */
  private java.time.LocalDateTime lockedUntilInDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT locked_until FROM second_step_state WHERE account_id = ?")) {
      s.setString(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getObject(1, java.time.LocalDateTime.class) : null;
      }
    }
  }

  private int failuresInDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT failures FROM second_step_state WHERE account_id = ?")) {
      s.setString(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        // no row before the account's first attempt
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  /**
   * Returns whether any stored secret value of the account contains {@code text}, ignoring case.
   */
  private boolean databaseContains(String text) throws Exception {
    String values =
        "SELECT sealed_secret AS v FROM totp_factor WHERE account_id = ?"
            + " UNION ALL SELECT code_hash FROM recovery_code WHERE account_id = ?"
            + " UNION ALL SELECT salt FROM recovery_code WHERE account_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*), SUM(CASE WHEN LOWER(v) LIKE ? THEN 1 ELSE 0 END) FROM ("
                    + values
                    + ") x")) {
      s.setString(1, "%" + text.toLowerCase() + "%");
      s.setString(2, accountId);
      s.setString(3, accountId);
      s.setString(4, accountId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertTrue(r.getInt(1) > 0, "the account has stored secrets to look through");
        return r.getInt(2) > 0;
      }
    }
  }
}
