package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @Test
  void normalizesCaseAndSurroundingSpace() {
    assertEquals("ann@example.com", EmailAddress.parse("  Ann@Example.COM ").orElseThrow().value());
  }

  @Test
  void keepsNonAsciiAddresses() {
    assertEquals("zoë@exämple.com", EmailAddress.parse("Zoë@exämple.com").orElseThrow().value());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ann",
        "ann@",
        "@example.com",
        "ann@example",
        "a b@example.com",
        "ann@@example.com",
        "ann@exa\u0000mple.com",
        "ann\u200b@example.com",
        "\u202eann@example.com",
        "ann@exam\u00adple.com",
        "ann@example.com\ufeff"
      })
  void refusesWhatIsNotAnAddress(String input) {
    assertTrue(EmailAddress.parse(input).isEmpty(), input);
  }

  @Test
  void saysWhyAnAddressWithAnInvisibleCharacterIsRefused() {
    assertEquals(
        EmailAddress.INVISIBLE_MESSAGE,
        EmailAddress.problemWith("ann\u200b@example.com").orElseThrow());
  }

  @Test
  void theTwoSpellingsOfAnAccentAreOneAddress() {
    assertEquals(
        EmailAddress.parse("zo\u00eb@example.com").orElseThrow(),
        EmailAddress.parse("zoe\u0308@example.com").orElseThrow());
  }

  @Test
  void refusesAddressesLongerThan254Characters() {
    assertTrue(EmailAddress.parse("a".repeat(60) + "@" + "b".repeat(190) + ".com").isEmpty());
  }
}
