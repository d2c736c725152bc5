package dev.portcullis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.platform.JpaOnH2;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of reset links without a server: single use, 30 minutes, only the newest of an account,
 * only a hash stored, and anything altered or of another shape opens nothing.
 */
class ResetTokensTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static JpaOnH2 jpa;
  private String account;

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("reset");
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  @BeforeEach
  void anAccount() throws Exception {
    account = jpa.newAccount();
  }

  private static <T> T tokens(Function<ResetTokens, T> call) {
    return jpa.inTransaction(
        em -> {
          ResetTokens tokens = new ResetTokens();
          tokens.em = em;
          return call.apply(tokens);
        });
  }

  @Test
  void aTokenOpensItsAccountOnceWithinThirtyMinutes() {
    String token = tokens(t -> t.issue(account, T0));
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
    assertEquals(Optional.of(account), tokens(t -> t.accountOf(token, T0.plusSeconds(1799))));
    assertEquals(Optional.empty(), tokens(t -> t.accountOf(token, T0.plusSeconds(1800))));
    assertEquals(Optional.empty(), tokens(t -> t.use(token, T0.plusSeconds(1800))), "expired");
    assertEquals(Optional.of(account), tokens(t -> t.use(token, T0.plusSeconds(60))));
    assertEquals(Optional.empty(), tokens(t -> t.use(token, T0.plusSeconds(61))), "used");
    assertEquals(Optional.empty(), tokens(t -> t.accountOf(token, T0.plusSeconds(61))));
  }

  @Test
  void aNewerTokenSupersedesTheOlderOnes() {
    String first = tokens(t -> t.issue(account, T0));
    String second = tokens(t -> t.issue(account, T0.plusSeconds(10)));
    assertNotEquals(first, second);
    assertEquals(Optional.empty(), tokens(t -> t.accountOf(first, T0.plusSeconds(20))));
    assertEquals(Optional.of(account), tokens(t -> t.accountOf(second, T0.plusSeconds(20))));
  }

  @Test
  void anAlteredTruncatedOrForeignTokenOpensNothing() {
    String token = tokens(t -> t.issue(account, T0));
    char last = token.charAt(42);
    for (String other :
        new String[] {
          token.substring(0, 42) + (last == 'A' ? 'B' : 'A'),
          token.substring(0, 42),
          token + "A",
          token.toUpperCase(),
          "",
          "../../etc/passwd",
          token.substring(0, 41) + "%2",
          token.replace(token.charAt(0), '０'),
          null
        }) {
      if (token.equals(other)) {
        continue;
      }
      assertFalse(tokens(t -> t.use(other, T0.plusSeconds(1))).isPresent(), String.valueOf(other));
    }
    assertEquals(Optional.of(account), tokens(t -> t.use(token, T0.plusSeconds(2))));
  }

  @Test
  void onlyTheTokensHashIsStored() throws Exception {
    String token = tokens(t -> t.issue(account, T0));
    try (Connection c = jpa.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT token_hash FROM password_reset WHERE account_id = ?")) {
      s.setString(1, account);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        assertEquals(ResetTokens.hash(token), r.getString(1));
        assertFalse(r.getString(1).contains(token));
      }
    }
  }
}
