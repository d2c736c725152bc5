package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  private static final byte[] SHA1_SEED =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SEED =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SEED =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  /** RFC 4226, Appendix D: HOTP values for counters 0 to 9. */
  @ParameterizedTest
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
  })
  void matchesTheRfc4226TestValues(long counter, String expected) {
    assertEquals(expected, Totp.hotp(Totp.Algorithm.SHA1, SHA1_SEED, counter, 6));
  }

  /** RFC 6238, Appendix B: 8-digit TOTP values, including times beyond 2^32 seconds. */
  @ParameterizedTest
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void matchesTheRfc6238TestValues(long seconds, String sha1, String sha256, String sha512) {
    Instant time = Instant.ofEpochSecond(seconds);
    assertEquals(sha1, codeAt(Totp.Algorithm.SHA1, SHA1_SEED, time));
    assertEquals(sha256, codeAt(Totp.Algorithm.SHA256, SHA256_SEED, time));
    assertEquals(sha512, codeAt(Totp.Algorithm.SHA512, SHA512_SEED, time));
  }

  private static String codeAt(Totp.Algorithm algorithm, byte[] seed, Instant time) {
    Totp totp = new Totp(algorithm, 8, 30);
    return totp.codeAt(seed, totp.stepAt(time));
  }

  @Test
  void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
    Totp totp = Totp.standard();
    assertEquals("287082", totp.codeAt(SHA1_SEED, totp.stepAt(Instant.ofEpochSecond(59))));
  }

  @Test
  void stepsBeyond2To32SecondsAreExact() {
    Totp totp = Totp.standard();
    assertEquals(666_666_666L, totp.stepAt(Instant.ofEpochSecond(20_000_000_000L)));
    assertEquals(0x1_0000_0000L / 30, totp.stepAt(Instant.ofEpochSecond(0x1_0000_0000L)));
  }

  @Test
  void findsTheCurrentStepFirstThenTheNeighbours() {
    Totp totp = Totp.standard();
    long now = 1000;
    assertEquals(
        OptionalLong.of(now), totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now), now, 1));
    assertEquals(
        OptionalLong.of(now - 1),
        totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now - 1), now, 1));
    assertEquals(
        OptionalLong.of(now + 1),
        totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now + 1), now, 1));
  }

  @Test
  void doesNotFindAStepOutsideTheWindow() {
    Totp totp = Totp.standard();
    long now = 1000;
    assertTrue(totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now - 2), now, 1).isEmpty());
    assertTrue(totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now + 2), now, 1).isEmpty());
    assertEquals(
        OptionalLong.of(now - 2),
        totp.matchingStep(SHA1_SEED, totp.codeAt(SHA1_SEED, now - 2), now, 2));
  }

  @Test
  void refusesParametersNoAppUnderstands() {
    assertThrows(IllegalArgumentException.class, () -> new Totp(Totp.Algorithm.SHA1, 5, 30));
    assertThrows(IllegalArgumentException.class, () -> new Totp(Totp.Algorithm.SHA1, 9, 30));
    assertThrows(IllegalArgumentException.class, () -> new Totp(Totp.Algorithm.SHA1, 6, 0));
  }
}
