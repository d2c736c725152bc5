package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.ByteArray;
import dev.portcullis.account.RegisterAccount;
import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.webauthn.WebAuthnCounters;
import dev.portcullis.webauthn.WebAuthnFactors;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the database holds of security keys, on every database of the run: the rows a registration
 * writes (made here with plain SQL, as the browser test cannot run inside the server), what the
 * WebAuthn library reads back of them, and the counter's conditional UPDATEs, also in parallel. The
 * ceremonies themselves are {@link SecurityKeyBrowserIT}'s, with Chromium's virtual authenticator.
 */
@ExtendWith(ArquillianExtension.class)
public class SecurityKeyStoreIT extends ClockResetting {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject RegisterAccount registerAccount;
  @Inject WebAuthnFactors keys;
  @Inject WebAuthnCounters counters;
  @Inject SecondFactors secondFactors;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private record Stored(
      String accountId, String factorId, ByteArray credentialId, ByteArray handle) {}

  /** A new account with one security key whose counter stands at {@code counter}. */
  private Stored anAccountWithAKey(long counter) throws Exception {
    String accountId =
        registerAccount
            .register(
                "fido-" + UUID.randomUUID() + "@example.com",
                "Fido Store",
                "correct horse battery staple",
                "correct horse battery staple")
            .id();
    ByteArray credentialId = random(64);
    ByteArray handle = random(64);
    String factorId = UUID.randomUUID().toString();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement("INSERT INTO webauthn_user (account_id, user_handle) VALUES (?, ?)")) {
        s.setString(1, accountId);
        s.setString(2, handle.getBase64Url());
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO webauthn_factor (id, account_id, credential_hash, credential_id, name,"
                  + " public_key_cose, signature_count, discoverable, backup_eligible, backed_up,"
                  + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, factorId);
        s.setString(2, accountId);
        s.setString(
            3,
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(credentialId.getBase64Url().getBytes("US-ASCII"))));
        s.setString(4, credentialId.getBase64Url());
        s.setString(5, "Blue key");
        s.setString(6, random(77).getBase64Url());
        s.setLong(7, counter);
        s.setBoolean(8, true);
        s.setBoolean(9, false);
        s.setBoolean(10, false);
        s.setTimestamp(11, Timestamp.from(MovableClock.now()));
        s.executeUpdate();
      }
    }
    return new Stored(accountId, factorId, credentialId, handle);
  }

  private static ByteArray random(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return new ByteArray(bytes);
  }

  @Test
  void theLibraryFindsAKeyByItsIdAndTheAccountByItsRandomHandleOnly() throws Exception {
    Stored key = anAccountWithAKey(7);
    assertEquals(
        key.handle(), keys.getUserHandleForUsername(key.accountId()).orElseThrow(), "the handle");
    assertEquals(key.accountId(), keys.getUsernameForUserHandle(key.handle()).orElseThrow());
    Set<RegisteredCredential> found = keys.lookupAll(key.credentialId());
    assertEquals(1, found.size());
    assertEquals(7, found.iterator().next().getSignatureCount());
    assertTrue(keys.lookup(key.credentialId(), key.handle()).isPresent());
    assertFalse(
        keys.lookup(key.credentialId(), random(64)).isPresent(), "another account's handle");
    assertEquals(
        1, keys.getCredentialIdsForUsername(key.accountId()).size(), "excluded at registration");
    assertTrue(secondFactors.enabled(key.accountId()), "a security key turns 2FA on");
    List<FactorSummary> listed = secondFactors.of(key.accountId());
    assertEquals(
        List.of("Security key (passkey)"), listed.stream().map(FactorSummary::publicId).toList());
  }

  @Test
  void theCounterOnlyMovesForwardAndACopiedKeyStaysRefused() throws Exception {
    Stored key = anAccountWithAKey(5);
    Instant now = MovableClock.now();
    assertTrue(counters.advance(key.factorId(), 6, now));
    assertFalse(counters.advance(key.factorId(), 6, now), "the same counter twice");
    assertFalse(counters.advance(key.factorId(), 3, now), "a counter that went back");
    assertTrue(counters.advance(key.factorId(), 9, now), "a later one");
    counters.markCloned(key.factorId(), now);
    assertFalse(counters.advance(key.factorId(), 100, now), "a key marked copied stays refused");

    Stored noCounter = anAccountWithAKey(0);
    assertTrue(counters.advance(noCounter.factorId(), 0, now), "a key that keeps no counter");
    assertTrue(counters.advance(noCounter.factorId(), 0, now), "... every time");
    assertTrue(counters.advance(noCounter.factorId(), 1, now), "until it starts counting");
    assertFalse(counters.advance(noCounter.factorId(), 0, now), "and then never back to 0");
  }

  @Test
  void theSameCounterSentInParallelCountsOnce() throws Exception {
    Stored key = anAccountWithAKey(10);
    Instant now = MovableClock.now();
    List<Boolean> won = Parallel.run(executor, 12, () -> counters.advance(key.factorId(), 11, now));
    assertEquals(1, won.stream().filter(Boolean::booleanValue).count(), won.toString());
  }

  @Test
  void removingTheKeyOrTurningTwoFactorOffDeletesIt() throws Exception {
    Stored key = anAccountWithAKey(1);
    assertEquals(
        SecondFactors.Removal.REMOVED_LAST, secondFactors.remove(key.accountId(), key.factorId()));
    assertTrue(keys.lookupAll(key.credentialId()).isEmpty());
    Stored other = anAccountWithAKey(1);
    secondFactors.removeAll(other.accountId());
    assertFalse(secondFactors.enabled(other.accountId()));
  }
}
