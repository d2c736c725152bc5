package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.platform.ResealSecrets;
import dev.portcullis.platform.SecretBox;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.VirtualYubiKey;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.codec.binary.Base32;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key rotation: every sealed secret is rewritten under a new key, opens with it, and nothing sealed
 * is left under the old one; then everything goes back under the server's key, and logins still
 * work.
 */
@ExtendWith(ArquillianExtension.class)
public class ResealSecretsIT extends ClockResetting {

  @Inject RegisterAccount registerAccount;
  @Inject EnrollTotp enrollTotp;
  @Inject EnrollYubiKey enrollYubiKey;
  @Inject ResealSecrets reseal;
  @Inject VerifySecondFactor verifier;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  private static SecretBox box(String current, String previous) throws Exception {
    SecretBox box = new SecretBox();
    set(box, "configuredKey", Optional.of(current));
    set(box, "previousKeys", Optional.of(List.of(previous)));
    set(box, "devKeyFile", "unused");
    var load = SecretBox.class.getDeclaredMethod("loadKey");
    load.setAccessible(true);
    load.invoke(box);
    return box;
  }

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = SecretBox.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }

  @Test
  void everySealedSecretMovesToTheNewKeyAndBack() throws Exception {
    MovableClock.set(Instant.now()); // it stands still, as the codes computed below assume
    String accountId =
        registerAccount
            .register(
                "reseal-" + UUID.randomUUID() + "@example.com",
                "Reseal",
                "correct horse battery staple",
                "correct horse battery staple")
            .id();
    EnrollTotp.PendingSecret pending = enrollTotp.begin(accountId, "reseal@example.com");
    byte[] seed = new Base32().decode(pending.base32Secret());
    Totp totp = Totp.standard();
    assertInstanceOf(
        Check.Passed.class,
        enrollTotp.confirm(
            accountId,
            TypedCode.of(totp.codeAt(seed, totp.stepAt(MovableClock.now()))).orElseThrow()));
    VirtualYubiKey key = VirtualYubiKey.random();
    assertInstanceOf(
        Check.Passed.class,
        enrollYubiKey.register(
            accountId,
            "K",
            new EnrollYubiKey.LocalSecrets(key.aesKeyHex(), key.privateIdHex()),
            TypedCode.of(key.touch()).orElseThrow()));

    String serverKey = ConfigProvider.getConfig().getValue("portcullis.secret-key", String.class);
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String newKey = Base64.getEncoder().encodeToString(raw);
    SecretBox rotated = box(newKey, serverKey);

    assertTrue(reseal.resealAll(rotated) >= 3, "the seed, the AES key and the private id");
    assertEquals(0, reseal.resealAll(rotated), "nothing is left under the old key");
    String sealedSeed = sealedSeedOf(accountId);
    assertTrue(sealedSeed.startsWith("v2:" + rotated.currentKeyId() + ":"));
    assertArrayEquals(
        seed, rotated.open(sealedSeed, "totp:" + accountId + ":" + factorIdOf(accountId)));

    SecretBox back = box(serverKey, newKey);
    assertTrue(reseal.resealAll(back) >= 3);
    MovableClock.advance(Duration.ofSeconds(30));
    assertInstanceOf(
        Outcome.Accepted.class,
        verifier.verify(accountId, totp.codeAt(seed, totp.stepAt(MovableClock.now()))),
        "the app still works");
    assertInstanceOf(
        Outcome.Accepted.class, verifier.verify(accountId, key.touch()), "the key still works");
  }

  private String sealedSeedOf(String accountId) throws Exception {
    return column("SELECT sealed_secret FROM totp_factor WHERE account_id = ?", accountId);
  }

  private String factorIdOf(String accountId) throws Exception {
    return column("SELECT id FROM totp_factor WHERE account_id = ?", accountId);
  }

  private String column(String sql, String accountId) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, accountId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
