package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.AddSecondFactor;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import dev.portcullis.totp.TotpFactors;
import dev.portcullis.yubikey.CloudValidation;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.VirtualYubiKey;
import dev.portcullis.yubikey.YubiKeyFactors;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * YubiKey enrollment and verification inside Liberty, against a protocol 2.0 validation server on
 * 127.0.0.1 (the stub, its own deployment) and in local AES mode; every outage and protocol fault
 * the wrapper must survive has a case here.
 */
@ExtendWith(ArquillianExtension.class)
@ExpectedServerLog({
  // every outage and protocol fault is provoked here, and each is logged for the operator
  "yubikey\\.CloudValidation [WE] ",
  // replayed OTPs are security events
  "yubikey\\.YubiKeyFactors W Security event: ",
  // the tests' validation server answering HTTP 500 on purpose
  "com\\.ibm\\.ws\\.webcontainer E SRVE0095I: Servlet has become temporarily unavailable for service: /yubistub/"
})
public class YubiKeyValidationIT extends ClockResetting {

  @Inject RegisterAccount registerAccount;
  @Inject EnrollYubiKey enroll;
  @Inject YubiKeyFactors keys;
  @Inject VerifySecondFactor verifier;
  @Inject SecondFactors secondFactors;
  @Inject CloudValidation cloud;
  @Inject AddSecondFactor addSecondFactor;
  @Inject EnrollTotp enrollTotp;
  @Inject TotpFactors totpFactors;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private String accountId;
  private VirtualYubiKey key;

  private String newAccount() throws Exception {
    return registerAccount
        .register(
            "yubikey-" + UUID.randomUUID() + "@example.com",
            "YubiKey Test",
            "correct horse battery staple",
            "correct horse battery staple")
        .id();
  }

  private static TypedCode typed(String code) {
    return TypedCode.of(code).orElseThrow();
  }

  /** An account with a factory-programmed key, known to the validation server. */
  @BeforeEach
  void anAccountWithACloudValidatedKey() throws Exception {
    MovableClock.set(Instant.now());
    YubiStub.reset();
    accountId = newAccount();
    key = VirtualYubiKey.random();
    YubiStub.knows(key);
    assertInstanceOf(
        Check.Passed.class, enroll.register(accountId, "Blue key", null, typed(key.touch())));
    assertTrue(secondFactors.enabled(accountId));
  }

  @Test
  void acceptsAFreshOtpOfTheRegisteredKey() {
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch().toUpperCase()));
  }

  @Test
  void refusesAReplayedOtpAndTheEnrollmentOtp() throws Exception {
    String otp = key.touch();
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, otp));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, otp));
    assertEquals(1, failures(accountId));
  }

  @Test
  void refusesAnotherAccountsKeyWithoutAskingTheServer() throws Exception {
    String other = newAccount();
    VirtualYubiKey otherKey = VirtualYubiKey.random();
    YubiStub.knows(otherKey);
    assertInstanceOf(
        Check.Passed.class, enroll.register(other, "Other", null, typed(otherKey.touch())));
    int before = YubiStub.requests();
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, otherKey.touch()));
    assertEquals(before, YubiStub.requests());
  }

  @Test
  void refusesToRegisterAKeyTwice() throws Exception {
    Check again = enroll.register(newAccount(), "Same", null, typed(key.touch()));
    assertTrue(((Check.Unreadable) again).message().contains("already registered"));
  }

  @Test
  void explainsInputThatIsNotAYubicoOtp() {
    var outcome =
        (Outcome.Malformed)
            verifier.verify(accountId, "jxe.uidchtnbpygkjxe.uidchtnbpygkjxe.uidchtnb");
    assertTrue(outcome.message().contains("keyboard layout"));
  }

  @Test
  void aServiceThatHangsIsUnavailableAndCountsNoFailure() throws Exception {
    expectUnavailable(StubMode.HANG);
  }

  @Test
  void anHttp500IsUnavailable() throws Exception {
    expectUnavailable(StubMode.HTTP_500);
  }

  @Test
  void backendErrorAndNotEnoughAnswersAreUnavailable() throws Exception {
    expectUnavailable(StubMode.BACKEND_ERROR);
    expectUnavailable(StubMode.NOT_ENOUGH_ANSWERS);
  }

  @Test
  void aWronglySignedAnswerRaisesAnOperatorAlarm() throws Exception {
    expectUnavailable(StubMode.SIGN_WRONGLY);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.api-key"));
  }

  @Test
  void anAlarmMakesTheHealthCheckDegradedButNeverDown() throws Exception {
    expectUnavailable(StubMode.NO_SUCH_CLIENT);
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(YubiStub.CONTROL.replace("/yubistub/control", "/health/ready")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"degraded\""), health.body());
    assertTrue(health.body().contains("portcullis.yubikey.client-id"), health.body());
    YubiStub.mode(StubMode.GENUINE);
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
  }

  @Test
  void anAnswerEchoingAnotherNonceOrOtpIsNotBelieved() throws Exception {
    expectUnavailable(StubMode.OTHER_NONCE);
    assertTrue(cloud.alarm().isPresent());
    expectUnavailable(StubMode.OTHER_OTP);
    assertTrue(cloud.alarm().isPresent());
  }

  @Test
  void configurationErrorsRaiseAnAlarmThatSaysWhatToFix() throws Exception {
    expectUnavailable(StubMode.BAD_SIGNATURE);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.api-key"));
    expectUnavailable(StubMode.NO_SUCH_CLIENT);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.client-id"));
    expectUnavailable(StubMode.OPERATION_NOT_ALLOWED);
    assertTrue(cloud.alarm().orElseThrow().contains("may not verify"));
    expectUnavailable(StubMode.MISSING_PARAMETER);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.urls"));
    YubiStub.mode(StubMode.GENUINE);
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
    assertTrue(cloud.alarm().isEmpty(), "a good answer clears the alarm");
  }

  @Test
  void replayedOtpFromTheServerIsAFailure() throws Exception {
    YubiStub.mode(StubMode.REPLAYED_OTP);
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, key.touch()));
    assertEquals(1, failures(accountId));
  }

  @Test
  void anUnknownStatusFailsClosed() throws Exception {
    // java-yubico-client cannot even read a status it does not know: the answer is unusable, so the
    // OTP is not accepted and the user is sent to another method
    expectUnavailable(StubMode.UNKNOWN_STATUS);
  }

  @Test
  void theCircuitOpensAfterFiveFailuresAndClosesAfterItsDelay() throws Exception {
    YubiStub.mode(StubMode.HTTP_500);
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(Outcome.Unavailable.class, verifier.verify(accountId, key.touch()));
    }
    int asked = YubiStub.requests();
    assertInstanceOf(Outcome.Unavailable.class, verifier.verify(accountId, key.touch()));
    assertEquals(asked, YubiStub.requests(), "an open circuit answers without calling the service");
    YubiStub.mode(StubMode.GENUINE);
    Thread.sleep(1200); // the circuit's delay in the test configuration (arquillian.xml) is 1000 ms
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
  }

  @Test
  void anUnavailableServiceNeverLetsTheSecondStepPassAndSaysWhatToDo() throws Exception {
    YubiStub.mode(StubMode.BACKEND_ERROR);
    Outcome outcome = verifier.verify(accountId, key.touch());
    assertInstanceOf(Outcome.Unavailable.class, outcome);
    assertTrue(
        VerifySecondFactor.messageFor(outcome)
            .startsWith("YubiKey validation is unavailable right now, use another method"));
  }

  /** Adds a YubiKey through the one enrollment path, as the page does. */
  private AddSecondFactor.Added addYubiKey(String account, VirtualYubiKey yubiKey) {
    YubiStub.knows(yubiKey);
    return addSecondFactor.add(
        account, yubiKey.touch(), keys::recognizes, c -> enroll.register(account, "Key", null, c));
  }

  /** Adds an authenticator app through the one enrollment path, as the page does. */
  private AddSecondFactor.Added addTotp(String account) throws Exception {
    EnrollTotp.PendingSecret pending = enrollTotp.begin(account, "order@example.com");
    byte[] secret = new org.apache.commons.codec.binary.Base32().decode(pending.base32Secret());
    Totp totp = Totp.standard();
    String code = totp.codeAt(secret, totp.stepAt(MovableClock.now()));
    return addSecondFactor.add(
        account, code, totpFactors::recognizes, c -> enrollTotp.confirm(account, c));
  }

  @Test
  void theRecoveryCodesOfAYubiKeyStillWorkAfterAnAuthenticatorAppIsAdded() throws Exception {
    String account = newAccount();
    AddSecondFactor.Added first = addYubiKey(account, VirtualYubiKey.random());
    assertEquals(10, first.recoveryCodes().size(), "the first factor brings the recovery codes");
    AddSecondFactor.Added second = addTotp(account);
    assertTrue(second.active());
    assertTrue(second.recoveryCodes().isEmpty(), "no new codes behind the user's back");
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(account, first.recoveryCodes().get(0)));
  }

  @Test
  void theRecoveryCodesOfAnAuthenticatorAppStillWorkAfterAYubiKeyIsAdded() throws Exception {
    String account = newAccount();
    AddSecondFactor.Added first = addTotp(account);
    assertEquals(10, first.recoveryCodes().size(), "the first factor brings the recovery codes");
    AddSecondFactor.Added second = addYubiKey(account, VirtualYubiKey.random());
    assertTrue(second.active());
    assertTrue(second.recoveryCodes().isEmpty(), "no new codes behind the user's back");
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(account, first.recoveryCodes().get(9)));
  }

  @Test
  void localModeAcceptsOnlyOtpsWithAGreaterCounter() throws Exception {
    String local = newAccount();
    VirtualYubiKey programmed = VirtualYubiKey.random();
    var secrets = new EnrollYubiKey.LocalSecrets(programmed.aesKeyHex(), programmed.privateIdHex());
    int before = YubiStub.requests();
    assertInstanceOf(
        Check.Passed.class,
        enroll.register(local, "Programmed", secrets, typed(programmed.touch())));
    String older = programmed.touch();
    String newer = programmed.touch();
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(local, newer));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(local, newer), "replayed");
    assertInstanceOf(
        Outcome.Rejected.class, verifier.verify(local, older), "older than the last accepted");
    programmed.replug();
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(local, programmed.touch()), "next session");
    assertEquals(before, YubiStub.requests(), "local mode needs no outside service");
  }

  @Test
  void localModeRefusesAWrongPrivateIdOrKey() throws Exception {
    VirtualYubiKey programmed = VirtualYubiKey.random();
    var wrongUid = new EnrollYubiKey.LocalSecrets(programmed.aesKeyHex(), "000000000000");
    assertInstanceOf(
        Check.Failed.class,
        enroll.register(newAccount(), "K", wrongUid, typed(programmed.touch())));
    var wrongAes = new EnrollYubiKey.LocalSecrets("00".repeat(16), programmed.privateIdHex());
    assertInstanceOf(
        Check.Failed.class,
        enroll.register(newAccount(), "K", wrongAes, typed(programmed.touch())));
  }

  @Test
  void localModeTheSameOtpInParallelSucceedsOnce() throws Exception {
    String local = newAccount();
    VirtualYubiKey programmed = VirtualYubiKey.random();
    var secrets = new EnrollYubiKey.LocalSecrets(programmed.aesKeyHex(), programmed.privateIdHex());
    assertInstanceOf(
        Check.Passed.class,
        enroll.register(local, "Programmed", secrets, typed(programmed.touch())));
    String otp = programmed.touch();
    long accepted =
        Parallel.run(executor, 12, () -> verifier.verify(local, otp)).stream()
            .filter(Outcome.Accepted.class::isInstance)
            .count();
    assertEquals(1, accepted);
  }

  @Test
  void noAesKeyOrPrivateIdIsStoredInClear() throws Exception {
    String local = newAccount();
    VirtualYubiKey programmed = VirtualYubiKey.random();
    var secrets = new EnrollYubiKey.LocalSecrets(programmed.aesKeyHex(), programmed.privateIdHex());
    assertInstanceOf(
        Check.Passed.class,
        enroll.register(local, "Programmed", secrets, typed(programmed.touch())));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT sealed_aes_key, sealed_private_id FROM yubikey_factor WHERE account_id = ?")) {
      s.setString(1, local);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        for (int column = 1; column <= 2; column++) {
          String stored = r.getString(column).toLowerCase();
          assertTrue(stored.startsWith("v2:"), "sealed");
          assertTrue(
              !stored.contains(programmed.aesKeyHex())
                  && !stored.contains(programmed.privateIdHex()));
        }
      }
    }
  }

  private void expectUnavailable(StubMode mode) throws Exception {
    YubiStub.mode(mode);
    int failuresBefore = failures(accountId);
    Outcome outcome = verifier.verify(accountId, key.touch());
    assertInstanceOf(Outcome.Unavailable.class, outcome, mode.name());
    assertEquals(failuresBefore, failures(accountId), mode + " is not the user's failure");
  }

  private int failures(String account) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT failures FROM second_step_state WHERE account_id = ?")) {
      s.setString(1, account);
      try (ResultSet r = s.executeQuery()) {
        // no row before the account's first attempt
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }
}
