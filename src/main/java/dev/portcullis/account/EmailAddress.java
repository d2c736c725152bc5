package dev.portcullis.account;

import dev.portcullis.platform.PlainText;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as the portal stores it: trimmed, in Unicode NFC and lower case, so that
 * "Ann@Example.com" and "ann@example.com" are one account, and so are the two ways Unicode can
 * spell "zoë". The check is deliberately plain (something@domain.tld, no spaces, at most 254
 * characters) and refuses invisible and control characters ({@link PlainText#hasInvisible}), so two
 * accounts never look alike; the address is not verified by mail here.
 */
public record EmailAddress(String value) {

  public static final int MAX_LENGTH = 254;

  /** What the visitor is told when the address is not one. */
  public static final String SHAPE_MESSAGE =
      "Enter an email address like name@example.com (at most " + MAX_LENGTH + " characters).";

  /** What the visitor is told when the address holds a character nobody can see. */
  public static final String INVISIBLE_MESSAGE =
      "The email address contains an invisible or control character (such as a zero-width space, often"
          + " copied along with an address). Type the address again by hand.";

  private static final Pattern SHAPE =
      Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+");

  /**
   * Returns the normalized address, or empty if {@code input} is not an acceptable email address.
   */
  public static Optional<EmailAddress> parse(String input) {
    return problemWith(input).isPresent()
        ? Optional.empty()
        : Optional.of(new EmailAddress(normalized(input)));
  }

  /**
   * Returns what is wrong with {@code input} as an email address, in words for the visitor, or
   * empty.
   */
  public static Optional<String> problemWith(String input) {
    if (input == null) {
      return Optional.of(SHAPE_MESSAGE);
    }
    String normalized = normalized(input);
    if (PlainText.hasInvisible(normalized)) {
      return Optional.of(INVISIBLE_MESSAGE);
    }
    if (normalized.length() > MAX_LENGTH || !SHAPE.matcher(normalized).matches()) {
      return Optional.of(SHAPE_MESSAGE);
    }
    return Optional.empty();
  }

  private static String normalized(String input) {
    return PlainText.normalize(input).toLowerCase(Locale.ROOT);
  }
}
