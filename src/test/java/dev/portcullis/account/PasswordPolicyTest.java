package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void acceptsALongPassphrase() {
    assertEquals(
        Optional.empty(),
        PasswordPolicy.problemWith("correct horse battery staple", "ann@example.com"));
  }

  @Test
  void saysHowShortAPasswordIs() {
    assertEquals(
        Optional.of("Your password has 7 characters; use at least 10."),
        PasswordPolicy.problemWith("abcdefg", "ann@example.com"));
  }

  @Test
  void refusesAnAbsurdlyLongPassword() {
    assertTrue(
        PasswordPolicy.problemWith("x1".repeat(65), "ann@example.com")
            .orElseThrow()
            .contains("at most 128"));
  }

  @Test
  void refusesCommonAndRepetitivePasswords() {
    assertTrue(PasswordPolicy.problemWith("Password123", "ann@example.com").isPresent());
    assertTrue(PasswordPolicy.problemWith("aaaaaaaaaaaa", "ann@example.com").isPresent());
    assertTrue(PasswordPolicy.problemWith("abababababab", "ann@example.com").isPresent());
  }

  @Test
  void refusesThePartOfTheEmailBeforeTheAt() {
    assertTrue(PasswordPolicy.problemWith("annabelle-2026!", "annabelle@example.com").isPresent());
  }

  @Test
  void refusesControlCharacters() {
    assertTrue(
        PasswordPolicy.problemWith("correct horse\u0000battery", "ann@example.com").isPresent());
  }
}
