package dev.portcullis.yubikey;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 16 bytes inside a Yubico OTP once decrypted with the key's AES-128 secret: private id (6
 * bytes), usage counter (16 bits, little endian), timestamp (24 bits), session counter (8 bits),
 * random (16 bits) and a CRC-16 (ISO 13239) over all of it.
 */
public final class YubiKeyToken {

  private static final int CRC_RESIDUE = 0xf0b8;

  private final byte[] privateId;
  private final int useCounter;
  private final int sessionCounter;
  private final int timestamp;

  private YubiKeyToken(byte[] plain) {
    this.privateId = Arrays.copyOfRange(plain, 0, 6);
    this.useCounter = (plain[6] & 0xff) | ((plain[7] & 0xff) << 8);
    this.timestamp = (plain[8] & 0xff) | ((plain[9] & 0xff) << 8) | ((plain[10] & 0xff) << 16);
    this.sessionCounter = plain[11] & 0xff;
  }

  /**
   * Decrypts {@code encrypted} (16 bytes) with {@code aesKey} (16 bytes).
   *
   * @return the token, or empty when the CRC does not match (wrong key, or not a token)
   */
  public static Optional<YubiKeyToken> decrypt(byte[] encrypted, byte[] aesKey) {
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
      byte[] plain = cipher.doFinal(encrypted);
      try {
        return crc16(plain, plain.length) == CRC_RESIDUE
            ? Optional.of(new YubiKeyToken(plain))
            : Optional.empty();
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB is not available in this JVM", e);
    }
  }

  /**
   * CRC-16 as the YubiKey computes it (ISO 13239: reflected 0x8408, initial 0xffff, no final xor).
   */
  public static int crc16(byte[] data, int length) {
    int crc = 0xffff;
    for (int i = 0; i < length; i++) {
      crc ^= data[i] & 0xff;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
      }
    }
    return crc;
  }

  /** Returns whether the private id inside is {@code expected}, compared in constant time. */
  public boolean hasPrivateId(byte[] expected) {
    return MessageDigest.isEqual(privateId, expected);
  }

  public int useCounter() {
    return useCounter;
  }

  public int sessionCounter() {
    return sessionCounter;
  }

  public int timestamp() {
    return timestamp;
  }

  /**
   * The position of this OTP in the key's life: usage counter (without the "triggered by caps lock"
   * flag of bit 15) then session counter. A later OTP always has a greater value.
   */
  public long counter() {
    return ((long) (useCounter & 0x7fff) << 8) | sessionCounter;
  }

  @Override
  public String toString() {
    return "YubiKeyToken[counter " + counter() + "]";
  }
}
