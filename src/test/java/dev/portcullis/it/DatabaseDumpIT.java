package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.VirtualYubiKey;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.codec.binary.Base32;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a stolen database backup shows: the whole embedded database is dumped as SQL (H2's SCRIPT,
 * what its backup tool writes) after enrolling a TOTP app, a locally validated YubiKey and recovery
 * codes, and none of their secrets appears in it, in any usual encoding.
 */
@ExtendWith(ArquillianExtension.class)
public class DatabaseDumpIT extends ClockResetting {

  @Inject RegisterAccount registerAccount;
  @Inject EnrollTotp enrollTotp;
  @Inject EnrollYubiKey enrollYubiKey;
  @Inject RecoveryCodes recoveryCodes;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Test
  void aDumpOfTheDatabaseHoldsNoSeedAesKeyPrivateIdOrRecoveryCode() throws Exception {
    MovableClock.set(Instant.now()); // it stands still, as the codes computed below assume
    String accountId =
        registerAccount
            .register(
                "dump-" + UUID.randomUUID() + "@example.com",
                "Dump",
                "correct horse battery staple",
                "correct horse battery staple")
            .id();
    EnrollTotp.PendingSecret pending = enrollTotp.begin(accountId, "dump@example.com");
    byte[] seed = new Base32().decode(pending.base32Secret());
    Totp totp = Totp.standard();
    String code = totp.codeAt(seed, totp.stepAt(MovableClock.now()));
    assertInstanceOf(
        Check.Passed.class, enrollTotp.confirm(accountId, TypedCode.of(code).orElseThrow()));
    VirtualYubiKey key = VirtualYubiKey.random();
    assertInstanceOf(
        Check.Passed.class,
        enrollYubiKey.register(
            accountId,
            "Dump key",
            new EnrollYubiKey.LocalSecrets(key.aesKeyHex(), key.privateIdHex()),
            TypedCode.of(key.touch()).orElseThrow()));
    List<String> codes = recoveryCodes.regenerate(accountId);

    List<String> secrets = new ArrayList<>();
    secrets.add(pending.base32Secret());
    secrets.add(HexFormat.of().formatHex(seed));
    secrets.add(Base64.getEncoder().encodeToString(seed).replace("=", ""));
    secrets.add(key.aesKeyHex());
    secrets.add(
        Base64.getEncoder()
            .encodeToString(HexFormat.of().parseHex(key.aesKeyHex()))
            .replace("=", ""));
    secrets.add(key.privateIdHex());
    for (String c : codes) {
      secrets.add(c);
      secrets.add(c.replace("-", ""));
    }

    String dump = dump().toLowerCase(Locale.ROOT);
    assertTrue(dump.contains(accountId), "the dump holds the account's rows");
    for (String secret : secrets) {
      assertFalse(
          dump.contains(secret.toLowerCase(Locale.ROOT)), "a secret is readable in the dump");
    }
  }

  private String dump() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SCRIPT")) {
      while (r.next()) {
        out.append(r.getString(1)).append('\n');
      }
    }
    return out.toString();
  }
}
