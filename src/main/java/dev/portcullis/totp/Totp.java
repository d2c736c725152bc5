package dev.portcullis.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HOTP (RFC 4226) and TOTP (RFC 6238) algorithms, with no state and no container: the time step
 * is computed from an {@link Instant} the caller passes in.
 *
 * <p>Defaults are what every authenticator app understands: HMAC-SHA1, 6 digits, 30-second steps.
 * Steps are {@code long}, so times beyond 2^32 seconds (the year 2106) work.
 */
public final class Totp {

  public static final Algorithm DEFAULT_ALGORITHM = Algorithm.SHA1;
  public static final int DEFAULT_DIGITS = 6;
  public static final int DEFAULT_PERIOD_SECONDS = 30;

  /** The HMAC behind the codes, with the name the otpauth URI uses. */
  public enum Algorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jcaName;

    Algorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final Algorithm algorithm;
  private final int digits;
  private final int periodSeconds;

  public Totp(Algorithm algorithm, int digits, int periodSeconds) {
    this.algorithm = Objects.requireNonNull(algorithm);
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("digits must be 6 to 8, was " + digits);
    }
    if (periodSeconds < 1) {
      throw new IllegalArgumentException("period must be at least 1 second, was " + periodSeconds);
    }
    this.digits = digits;
    this.periodSeconds = periodSeconds;
  }

  /** The defaults: SHA1, 6 digits, 30 seconds. */
  public static Totp standard() {
    return new Totp(DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD_SECONDS);
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  public int digits() {
    return digits;
  }

  public int periodSeconds() {
    return periodSeconds;
  }

  /** Returns the time step that contains {@code time} (RFC 6238's T, with T0 = 0). */
  public long stepAt(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), periodSeconds);
  }

  /** Returns the code for {@code step}, zero-padded to {@link #digits()} characters. */
  public String codeAt(byte[] secret, long step) {
    return hotp(algorithm, secret, step, digits);
  }

  /**
   * Finds the step within {@code window} steps of {@code currentStep} whose code is {@code code}.
   * Every candidate is computed and compared in constant time, whether or not an earlier one
   * matched, so the time taken does not tell which step (if any) matched. The current step is
   * preferred, then the nearer neighbours, past before future.
   *
   * @return the matching step, or empty
   */
  public OptionalLong matchingStep(byte[] secret, String code, long currentStep, int window) {
    byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
    long found = Long.MIN_VALUE;
    for (int distance = 0; distance <= window; distance++) {
      for (int sign : distance == 0 ? new int[] {1} : new int[] {-1, 1}) {
        long step = currentStep + (long) sign * distance;
        byte[] expected = codeAt(secret, step).getBytes(StandardCharsets.US_ASCII);
        boolean equal = MessageDigest.isEqual(expected, typed);
        if (equal && found == Long.MIN_VALUE) {
          found = step;
        }
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /** RFC 4226 HOTP with dynamic truncation. */
  static String hotp(Algorithm algorithm, byte[] secret, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName);
      mac.init(new SecretKeySpec(secret, "RAW"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
      return "0".repeat(digits - code.length()) + code;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jcaName + " is not available in this JVM", e);
    }
  }
}
