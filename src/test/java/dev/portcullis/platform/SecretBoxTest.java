package dev.portcullis.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static SecretBox boxWithKey(String base64, String... previous) {
    SecretBox box = new SecretBox();
    box.configuredKey = Optional.of(base64);
    box.previousKeys = Optional.of(java.util.List.of(previous));
    box.loadKey();
    return box;
  }

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void opensWhatItSealedForTheSameOwner() {
    SecretBox box = boxWithKey(KEY);
    String sealed = box.seal(SECRET, "totp:a:f");
    assertTrue(sealed.startsWith("v2:" + box.currentKeyId() + ":"));
    assertFalse(sealed.contains(Base64.getEncoder().encodeToString(SECRET)));
    assertArrayEquals(SECRET, box.open(sealed, "totp:a:f"));
  }

  @Test
  void refusesToOpenForAnotherOwner() {
    SecretBox box = boxWithKey(KEY);
    String sealed = box.seal(SECRET, "totp:a:f");
    assertThrows(IllegalStateException.class, () -> box.open(sealed, "totp:b:f"));
  }

  @Test
  void refusesToOpenUnderAnotherKey() {
    String sealed = boxWithKey(KEY).seal(SECRET, "o");
    byte[] other = new byte[32];
    other[0] = 1;
    SecretBox box = boxWithKey(Base64.getEncoder().encodeToString(other));
    assertThrows(IllegalStateException.class, () -> box.open(sealed, "o"));
  }

  @Test
  void sealsTheSameSecretDifferentlyEachTime() {
    SecretBox box = boxWithKey(KEY);
    assertFalse(box.seal(SECRET, "o").equals(box.seal(SECRET, "o")));
  }

  @Test
  void afterRotationOldSealsStillOpenAndNewOnesUseTheNewKey() {
    byte[] next = new byte[32];
    next[31] = 7;
    String newKey = Base64.getEncoder().encodeToString(next);
    String old = boxWithKey(KEY).seal(SECRET, "o");
    SecretBox rotated = boxWithKey(newKey, KEY);
    assertArrayEquals(SECRET, rotated.open(old, "o"));
    assertTrue(rotated.sealedWithOtherKey(old));
    String resealed = rotated.seal(SECRET, "o");
    assertFalse(rotated.sealedWithOtherKey(resealed));
    assertThrows(
        IllegalStateException.class,
        () -> boxWithKey(KEY).open(resealed, "o"),
        "the old key alone cannot open what the new key sealed");
    var forgotten =
        assertThrows(IllegalStateException.class, () -> boxWithKey(newKey).open(old, "o"));
    assertTrue(forgotten.getMessage().contains("portcullis.secret-key.previous"));
  }

  @Test
  void namesTheSettingWhenTheKeyIsWrong() {
    var notBase64 = assertThrows(IllegalStateException.class, () -> boxWithKey("not base64!"));
    assertTrue(notBase64.getMessage().contains("portcullis.secret-key"));
    var tooShort =
        assertThrows(
            IllegalStateException.class,
            () -> boxWithKey(Base64.getEncoder().encodeToString(new byte[16])));
    assertTrue(tooShort.getMessage().contains("16 bytes"));
  }
}
