package dev.portcullis.yubikey;

/**
 * Yubico's "modified hexadecimal": the 16 letters {@code cbdefghijklnrtuv} stand for 0–f. A YubiKey
 * types them because they sit on the same keys on most keyboard layouts.
 */
public final class Modhex {

  public static final String ALPHABET = "cbdefghijklnrtuv";

  private Modhex() {}

  /** Returns whether every character of {@code text} is a modhex letter (lower case). */
  public static boolean isModhex(String text) {
    return text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  /**
   * Decodes modhex (two letters per byte).
   *
   * @throws IllegalArgumentException if the length is odd or a character is not modhex
   */
  public static byte[] decode(String text) {
    if (text.length() % 2 != 0 || !isModhex(text)) {
      throw new IllegalArgumentException("not modhex of even length");
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (byte)
              ((ALPHABET.indexOf(text.charAt(2 * i)) << 4)
                  | ALPHABET.indexOf(text.charAt(2 * i + 1)));
    }
    return out;
  }

  /** Encodes bytes as modhex, two letters per byte. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(ALPHABET.charAt((b >> 4) & 0xf)).append(ALPHABET.charAt(b & 0xf));
    }
    return out.toString();
  }
}
