package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrollYubiKeyTest {

  private static EnrollYubiKey offering(
      Set<String> validation, Optional<Integer> clientId, Optional<String> apiKey) {
    EnrollYubiKey enroll = new EnrollYubiKey();
    enroll.validation = validation;
    enroll.cloud = new CloudValidation();
    enroll.cloud.clientId = clientId;
    enroll.cloud.apiKey = apiKey;
    return enroll;
  }

  @Test
  void validationServersWithoutClientIdAndApiKeyOfferNoYubiKey() {
    assertFalse(offering(Set.of("cloud"), Optional.empty(), Optional.empty()).available());
    assertFalse(offering(Set.of("cloud"), Optional.of(1), Optional.of(" ")).available());
    assertTrue(offering(Set.of("cloud"), Optional.of(1), Optional.of("a2V5")).available());
  }

  @Test
  void localValidationNeedsNoOutsideService() {
    assertTrue(offering(Set.of("local"), Optional.empty(), Optional.empty()).available());
    assertTrue(offering(Set.of("cloud", " local"), Optional.empty(), Optional.empty()).available());
  }

  private static final String FULL_WIDTH_AES_KEY = "０１２３４５６７８９ａｂｃｄｅｆ０１２３４５６７８９ａｂｃｄｅｆ";

  @Test
  void anAesKeyInFullWidthDigitsGetsTheFieldsOwnMessage() {
    EnrollYubiKey enroll = offering(Set.of("local"), Optional.empty(), Optional.empty());
    var refused =
        enroll.problemWith(
            "Blue", new EnrollYubiKey.LocalSecrets(FULL_WIDTH_AES_KEY, "0123456789ab"));
    assertEquals("aesKey", refused.orElseThrow().field());
    assertTrue(refused.get().message().startsWith("The AES key is 32 hexadecimal characters"));
    var privateId =
        enroll.problemWith(
            "Blue",
            new EnrollYubiKey.LocalSecrets("0123456789abcdef0123456789abcdef", "０１２３４５６７８９ａｂ"));
    assertEquals("privateId", privateId.orElseThrow().field());
  }

  @Test
  void aKeyNameWithAnInvisibleCharacterIsRefused() {
    EnrollYubiKey enroll = offering(Set.of("local"), Optional.empty(), Optional.empty());
    assertEquals("name", enroll.problemWith("Blue\u200b", null).orElseThrow().field());
  }

  /** Whatever the check lets through, the parser behind it reads without throwing. */
  @net.jqwik.api.Property(tries = 2000)
  void secretsTheCheckAcceptsAreSecretsTheParserReads(
      @net.jqwik.api.ForAll("hexish") String aesKey,
      @net.jqwik.api.ForAll("hexish") String privateId) {
    EnrollYubiKey enroll = offering(Set.of("local"), Optional.empty(), Optional.empty());
    if (enroll.problemWith("Blue", new EnrollYubiKey.LocalSecrets(aesKey, privateId)).isEmpty()) {
      org.junit.jupiter.api.Assertions.assertDoesNotThrow(
          () -> {
            java.util.HexFormat.of().parseHex(aesKey.strip().toLowerCase(java.util.Locale.ROOT));
            java.util.HexFormat.of().parseHex(privateId.strip().toLowerCase(java.util.Locale.ROOT));
          });
    }
  }

  /** Hex digits of every kind: ASCII, full-width, Arabic-Indic, Devanagari, with spaces around. */
  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> hexish() {
    net.jqwik.api.Arbitrary<Character> digit =
        net.jqwik.api.Arbitraries.of(
            '0', '7', '9', 'a', 'F', 'f', '０', '９', 'ａ', 'Ｆ', '٣', '३', ' ', 'g');
    return net.jqwik.api.Arbitraries.oneOf(
        digit.list().ofSize(12).map(EnrollYubiKeyTest::join),
        digit.list().ofSize(32).map(EnrollYubiKeyTest::join),
        net.jqwik.api.Arbitraries.of('0', 'a', '０', 'ａ')
            .list()
            .ofSize(32)
            .map(EnrollYubiKeyTest::join));
  }

  private static String join(java.util.List<Character> chars) {
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }
}
