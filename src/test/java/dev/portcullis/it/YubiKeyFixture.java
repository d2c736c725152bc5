package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.yubikey.CloudValidation;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.VirtualYubiKey;
import dev.portcullis.yubikey.YubiKeyFactors;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the in-container YubiKey tests start from: before each test, a new account with a
 * factory-programmed key known to the tests' validation server, and the clock following the real
 * time.
 */
abstract class YubiKeyFixture extends ClockResetting {

  @Inject RegisterAccount registerAccount;
  @Inject EnrollYubiKey enroll;
  @Inject YubiKeyFactors keys;
  @Inject VerifySecondFactor verifier;
  @Inject SecondFactors secondFactors;
  @Inject CloudValidation cloud;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  String accountId;
  VirtualYubiKey key;

  String newAccount() throws Exception {
    return registerAccount
        .register(
            "yubikey-" + UUID.randomUUID() + "@example.com",
            "YubiKey Test",
            "correct horse battery staple",
            "correct horse battery staple")
        .id();
  }

  static TypedCode typed(String code) {
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

  /** The account's consecutive second-step failures, as the database holds them. */
  int failures(String account) throws Exception {
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
