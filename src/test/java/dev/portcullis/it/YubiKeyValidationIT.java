package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.factor.AddSecondFactor;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import dev.portcullis.totp.TotpFactors;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.VirtualYubiKey;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * YubiKey enrollment and verification inside Liberty, against a protocol 2.0 validation server on
 * 127.0.0.1 (the stub, its own deployment) and in local AES mode, on every database of the run: the
 * keys' rows, counters and replay guards. The outages and protocol faults are {@link
 * YubiKeyOutagesIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
@ExpectedServerLog({
  // replayed OTPs are security events
  "yubikey\\.YubiKeyFactors W Security event: "
})
public class YubiKeyValidationIT extends YubiKeyFixture {

  @Inject AddSecondFactor addSecondFactor;
  @Inject EnrollTotp enrollTotp;
  @Inject TotpFactors totpFactors;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

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
}
