package dev.portcullis.platform;

import java.text.Normalizer;

/**
 * The rules for text people type that other people read (emails, names of accounts and keys,
 * reasons), and for the few inputs that only ASCII parsers read (hexadecimal keys, digits).
 *
 * <p>Two strings that look the same must be the same: text is kept in Unicode NFC, and a code point
 * that shows nothing or moves the cursor (control and format characters such as U+200B ZERO WIDTH
 * SPACE or U+202E RIGHT-TO-LEFT OVERRIDE, lone surrogates, private-use and unassigned code points,
 * line and paragraph separators) is refused, so two accounts cannot look identical in the admin
 * console.
 *
 * <p>A check in front of an ASCII-only parser accepts exactly what that parser accepts: {@code
 * Character.digit} and {@code Character.isDigit} also accept full-width and other Unicode digits
 * ({@code ０１２３}), which {@code HexFormat} and {@code Integer.parseInt}'s callers here must never
 * see.
 */
public final class PlainText {

  private PlainText() {}

  /** Returns {@code input} stripped of surrounding white space and in NFC; "" for null. */
  public static String normalize(String input) {
    return input == null ? "" : Normalizer.normalize(input, Normalizer.Form.NFC).strip();
  }

  /**
   * Returns whether {@code text} has a code point that is invisible or controls layout: control,
   * format, surrogate, private-use or unassigned, or a line or paragraph separator.
   */
  public static boolean hasInvisible(String text) {
    return text.codePoints().anyMatch(PlainText::invisible);
  }

  private static boolean invisible(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          true;
      default -> false;
    };
  }

  /**
   * Returns whether {@code text} is exactly {@code length} ASCII hexadecimal digits (either case).
   */
  public static boolean isAsciiHex(String text, int length) {
    return text != null
        && text.length() == length
        && text.chars()
            .allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
  }

  /** Returns whether {@code text} is one or more ASCII digits 0-9, and nothing else. */
  public static boolean isAsciiDigits(String text) {
    return text != null && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hexadecimal digits. */
  public static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

  /** A new random token for a link or a cookie: 256 bits, base64url without padding. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code value} has exactly the shape of a {@link #randomToken()}. */
  public static boolean isToken(String value) {
    return value != null && TOKEN.matcher(value).matches();
  }
}
