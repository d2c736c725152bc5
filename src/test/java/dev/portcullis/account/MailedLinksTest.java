package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.MailedLinks.Opened;
import dev.portcullis.account.MailedLinks.Purpose;
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
 * The rules of mailed links without a server: single use, each purpose's lifetime, only the newest
 * of an account where the purpose says so, one purpose's link opens nothing for another, only a
 * hash stored, and anything altered or of another shape opens nothing.
 */
class MailedLinksTest {

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

  private static final Purpose RESET = Purpose.PASSWORD_RESET;

  private static <T> T tokens(Function<MailedLinks, T> call) {
    return jpa.inTransaction(
        em -> {
          MailedLinks tokens = new MailedLinks();
          tokens.em = em;
          return call.apply(tokens);
        });
  }

  @Test
  void aTokenOpensItsAccountOnceWithinThirtyMinutes() {
    String token = tokens(t -> t.issue(account, RESET, null, T0));
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
    assertEquals(
        Optional.of(new Opened(account, "")),
        tokens(t -> t.peek(token, RESET, T0.plusSeconds(1799))));
    assertEquals(Optional.empty(), tokens(t -> t.peek(token, RESET, T0.plusSeconds(1800))));
    assertEquals(
        Optional.empty(), tokens(t -> t.use(token, RESET, T0.plusSeconds(1800))), "expired");
    assertEquals(
        Optional.of(new Opened(account, "")), tokens(t -> t.use(token, RESET, T0.plusSeconds(60))));
    assertEquals(Optional.empty(), tokens(t -> t.use(token, RESET, T0.plusSeconds(61))), "used");
    assertEquals(Optional.empty(), tokens(t -> t.peek(token, RESET, T0.plusSeconds(61))));
  }

  @Test
  void aNewerTokenSupersedesTheOlderOnes() {
    String first = tokens(t -> t.issue(account, RESET, null, T0));
    String second = tokens(t -> t.issue(account, RESET, null, T0.plusSeconds(10)));
    assertNotEquals(first, second);
    assertEquals(Optional.empty(), tokens(t -> t.peek(first, RESET, T0.plusSeconds(20))));
    assertEquals(
        Optional.of(new Opened(account, "")),
        tokens(t -> t.peek(second, RESET, T0.plusSeconds(20))));
  }

  @Test
  void anAlteredTruncatedOrForeignTokenOpensNothing() {
    String token = tokens(t -> t.issue(account, RESET, null, T0));
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
      assertFalse(
          tokens(t -> t.use(other, RESET, T0.plusSeconds(1))).isPresent(), String.valueOf(other));
    }
    assertEquals(
        Optional.of(new Opened(account, "")), tokens(t -> t.use(token, RESET, T0.plusSeconds(2))));
  }

  @Test
  void onlyTheTokensHashIsStored() throws Exception {
    String token = tokens(t -> t.issue(account, RESET, null, T0));
    try (Connection c = jpa.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT token_hash FROM mailed_link WHERE account_id = ?")) {
      s.setString(1, account);
      try (ResultSet r = s.executeQuery()) {
        assertTrue(r.next());
        assertEquals(MailedLinks.hash(token), r.getString(1));
        assertFalse(r.getString(1).contains(token));
      }
    }
  }

  @Test
  void aLinkOpensNothingForAnotherPurpose() {
    String reset = tokens(t -> t.issue(account, RESET, null, T0));
    String notMe = tokens(t -> t.issue(account, Purpose.NOT_ME, null, T0));
    assertEquals(Optional.empty(), tokens(t -> t.use(reset, Purpose.NOT_ME, T0)));
    assertEquals(Optional.empty(), tokens(t -> t.use(notMe, RESET, T0)));
    assertEquals(Optional.empty(), tokens(t -> t.peek(reset, Purpose.VERIFY_EMAIL, T0)));
    assertTrue(tokens(t -> t.use(reset, RESET, T0)).isPresent(), "still its own purpose's");
    assertTrue(tokens(t -> t.use(notMe, Purpose.NOT_ME, T0)).isPresent());
  }

  @Test
  void eachNoticesThisWasntMeLinkWorksForSevenDaysBesideTheOthers() {
    String first = tokens(t -> t.issue(account, Purpose.NOT_ME, null, T0));
    String second = tokens(t -> t.issue(account, Purpose.NOT_ME, null, T0.plusSeconds(1)));
    Instant lastSecond = T0.plus(java.time.Duration.ofDays(7)).minusSeconds(1);
    assertTrue(
        tokens(t -> t.peek(first, Purpose.NOT_ME, lastSecond)).isPresent(), "not superseded");
    assertTrue(tokens(t -> t.peek(second, Purpose.NOT_ME, lastSecond)).isPresent());
    assertFalse(
        tokens(t -> t.peek(first, Purpose.NOT_ME, lastSecond.plusSeconds(1))).isPresent(),
        "7 days");
  }

  @Test
  void anAddressLinkCarriesItsAddressAndLastsADayAndANewerOneSupersedesIt() {
    String older = tokens(t -> t.issue(account, Purpose.CHANGE_EMAIL, "old@example.com", T0));
    String newer =
        tokens(t -> t.issue(account, Purpose.CHANGE_EMAIL, "new@example.com", T0.plusSeconds(5)));
    String verify = tokens(t -> t.issue(account, Purpose.VERIFY_EMAIL, "me@example.com", T0));
    Instant lastSecond = T0.plus(java.time.Duration.ofHours(24)).minusSeconds(1);
    assertEquals(Optional.empty(), tokens(t -> t.peek(older, Purpose.CHANGE_EMAIL, T0)));
    assertEquals(
        Optional.of(new Opened(account, "new@example.com")),
        tokens(t -> t.peek(newer, Purpose.CHANGE_EMAIL, lastSecond.plusSeconds(5))));
    assertEquals(
        Optional.of(new Opened(account, "me@example.com")),
        tokens(t -> t.peek(verify, Purpose.VERIFY_EMAIL, lastSecond)),
        "a change's link does not supersede the confirmation of the current address");
    assertEquals(
        Optional.empty(),
        tokens(t -> t.peek(verify, Purpose.VERIFY_EMAIL, lastSecond.plusSeconds(1))));
  }

  @Test
  void theLinksOfAPurposeAreCountedAndTheNewestIsKnown() {
    tokens(t -> t.issue(account, Purpose.VERIFY_EMAIL, "a@example.com", T0));
    tokens(t -> t.issue(account, Purpose.VERIFY_EMAIL, "a@example.com", T0.plusSeconds(60)));
    tokens(t -> t.issue(account, RESET, null, T0.plusSeconds(120)));
    assertEquals(
        2L, (long) tokens(t -> t.issuedSince(account, Purpose.VERIFY_EMAIL, T0.minusSeconds(1))));
    assertEquals(1L, (long) tokens(t -> t.issuedSince(account, Purpose.VERIFY_EMAIL, T0)));
    assertEquals(
        Optional.of(T0.plusSeconds(60)), tokens(t -> t.lastIssued(account, Purpose.VERIFY_EMAIL)));
    assertEquals(Optional.empty(), tokens(t -> t.lastIssued(account, Purpose.CHANGE_EMAIL)));
  }
}
