package dev.portcullis.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: long enough to resist guessing (NIST SP 800-63B: length over
 * composition rules), not absurdly long, not one of the passwords every attacker tries first, and
 * not the email address.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;

  private static final Set<String> COMMON =
      Set.of(
          "1234567890",
          "12345678910",
          "0123456789",
          "1q2w3e4r5t",
          "qwertyuiop",
          "1qaz2wsx3edc",
          "password12",
          "password123",
          "password1234",
          "passw0rd123",
          "iloveyou12",
          "qwerty1234",
          "qwerty12345",
          "abcdefghij",
          "abc1234567",
          "letmein123",
          "welcome123",
          "admin12345",
          "portcullis",
          "portcullis1",
          "portcullis123",
          "changeme123",
          "trustno1234",
          "monkey1234",
          "dragon1234",
          "football12",
          "baseball12",
          "superman12",
          "1111111111",
          "0000000000");

  private PasswordPolicy() {}

  /**
   * Returns what is wrong with {@code password} for an account with {@code email}, as a sentence
   * for the user, or empty if the password is acceptable.
   */
  public static Optional<String> problemWith(String password, String email) {
    if (password == null || password.isEmpty()) {
      return Optional.of("Choose a password.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of(
          "Your password has " + length + " characters; use at least " + MIN_LENGTH + ".");
    }
    if (length > MAX_LENGTH) {
      return Optional.of(
          "Your password has " + length + " characters; use at most " + MAX_LENGTH + ".");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(
          "Your password contains control characters; use letters, digits, symbols or spaces.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower) || password.codePoints().distinct().count() < 4) {
      return Optional.of("That password is among the first ones attackers try; choose another.");
    }
    if (email != null && !email.isBlank()) {
      String localPart = email.toLowerCase(Locale.ROOT).split("@", 2)[0];
      if (lower.equals(email.toLowerCase(Locale.ROOT))
          || (localPart.length() >= 4 && lower.contains(localPart))) {
        return Optional.of("Your password must not contain your email address.");
      }
    }
    return Optional.empty();
  }
}
