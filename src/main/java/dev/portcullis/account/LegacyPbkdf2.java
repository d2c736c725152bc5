package dev.portcullis.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Verifies the PBKDF2 hashes earlier versions stored, in Jakarta Security's {@code
 * Pbkdf2PasswordHash} format ({@code PBKDF2WithHmacSHA512:210000:<salt>:<hash>}, Base64), with the
 * JDK's PBKDF2. Nothing new is hashed this way: a match is replaced by Argon2id.
 */
final class LegacyPbkdf2 {

  private static final Pattern FORMAT =
      Pattern.compile(
          "(PBKDF2WithHmacSHA(?:224|256|384|512)):([0-9]{1,9}):([A-Za-z0-9+/=]{4,256}):"
              + "([A-Za-z0-9+/=]{4,512})");

  private LegacyPbkdf2() {}

  /** Returns whether {@code password} matches; empty when {@code stored} is not in this format. */
  static Optional<Boolean> matches(char[] password, String stored) {
    Matcher hash = FORMAT.matcher(stored);
    if (!hash.matches()) {
      return Optional.empty();
    }
    try {
      int iterations = Integer.parseInt(hash.group(2));
      byte[] salt = Base64.getDecoder().decode(hash.group(3));
      byte[] expected = Base64.getDecoder().decode(hash.group(4));
      if (iterations < 1 || iterations > 10_000_000 || salt.length == 0 || expected.length == 0) {
        return Optional.empty();
      }
      byte[] actual =
          SecretKeyFactory.getInstance(hash.group(1))
              .generateSecret(new PBEKeySpec(password, salt, iterations, expected.length * 8))
              .getEncoded();
      return Optional.of(MessageDigest.isEqual(expected, actual));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
