package dev.portcullis.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as the portal stores it: trimmed and lower case, so that "Ann@Example.com" and
 * "ann@example.com" are one account. The check is deliberately plain (something@domain.tld, no spaces or
 * control characters, at most 254 characters); the address is not verified by mail here.
 */
public record EmailAddress(String value) {

  public static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE =
      Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+");

  /** Returns the normalized address, or empty if {@code input} does not look like an email address. */
  public static Optional<EmailAddress> parse(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String normalized = input.strip().toLowerCase(Locale.ROOT);
    if (normalized.length() > MAX_LENGTH || !SHAPE.matcher(normalized).matches()) {
      return Optional.empty();
    }
    return Optional.of(new EmailAddress(normalized));
  }
}
