package dev.portcullis.factor;

import java.util.Locale;
import java.util.Optional;

/**
 * A code as the user typed it, normalized: spaces and dashes removed (authenticator apps show "123
 * 456", recovery codes are printed "abcd-efgh-…"), letters lower-cased. Any printable ASCII
 * character is kept, so that each method can explain its own alphabet (a YubiKey typing through a
 * foreign keyboard layout produces characters outside modhex). It never appears in {@link
 * #toString()}.
 */
public final class TypedCode {

  /** Longest input looked at; anything longer is refused before any work is done. */
  public static final int MAX_INPUT_LENGTH = 64;

  private final String value;

  private TypedCode(String value) {
    this.value = value;
  }

  /**
   * Returns the normalized code, or empty when the input is blank, longer than {@value
   * #MAX_INPUT_LENGTH} characters, or has characters other than printable ASCII and spaces.
   */
  public static Optional<TypedCode> of(String input) {
    if (input == null || input.length() > MAX_INPUT_LENGTH) {
      return Optional.empty();
    }
    StringBuilder normalized = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      if (c < 0x21 || c > 0x7e) {
        return Optional.empty();
      }
      normalized.append(c);
    }
    if (normalized.length() == 0) {
      return Optional.empty();
    }
    return Optional.of(new TypedCode(normalized.toString().toLowerCase(Locale.ROOT)));
  }

  /** The normalized characters. Handle as a secret: never log or display it. */
  public String value() {
    return value;
  }

  /** Returns whether the code is exactly {@code n} ASCII digits. */
  public boolean isDigits(int n) {
    return value.length() == n && value.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return "TypedCode[redacted]";
  }
}
