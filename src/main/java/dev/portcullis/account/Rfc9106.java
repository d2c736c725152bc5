package dev.portcullis.account;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * RFC 9106's Argon2id test vector (section 5.3): 32 KiB, 3 passes, 4 lanes, with a secret and
 * associated data. Cheap enough to check an implementation with at start-up.
 */
final class Rfc9106 {

  static final Argon2Parameters PARAMETERS = new Argon2Parameters(32, 3, 4);
  static final byte[] PASSWORD = filled(32, 0x01);
  static final byte[] SALT = filled(16, 0x02);
  static final byte[] SECRET = filled(8, 0x03);
  static final byte[] ASSOCIATED_DATA = filled(12, 0x04);
  static final byte[] ARGON2ID_TAG =
      HexFormat.ofDelimiter(" ")
          .parseHex(
              "0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9"
                  + " d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59");

  private Rfc9106() {}

  static boolean answersCorrectly(Argon2Engine engine) {
    return MessageDigest.isEqual(
        ARGON2ID_TAG,
        engine.argon2id(PASSWORD, SALT, SECRET, ASSOCIATED_DATA, PARAMETERS, ARGON2ID_TAG.length));
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
