package dev.portcullis.yubikey;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * A YubiKey in software: makes genuine Yubico OTPs from a known AES key and private id, exactly as
 * the key's firmware does (checked against Debian's ykgenerate in {@code YubiKeyTokenTest}). Each
 * {@link #touch()} types the next OTP; {@link #replug()} starts a new session (usage counter + 1).
 */
public final class VirtualYubiKey {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String publicId;
  private final byte[] aesKey;
  private final byte[] privateId;
  private int useCounter = 1;
  private int sessionCounter = 0;
  private int timestamp = RANDOM.nextInt(1 << 24);

  public VirtualYubiKey(String publicId, byte[] aesKey, byte[] privateId) {
    this.publicId = publicId;
    this.aesKey = aesKey.clone();
    this.privateId = privateId.clone();
  }

  /** A new key with a random public id (starting "cc", like Yubico's), AES key and private id. */
  public static VirtualYubiKey random() {
    byte[] aes = new byte[16];
    byte[] uid = new byte[6];
    byte[] pub = new byte[5];
    RANDOM.nextBytes(aes);
    RANDOM.nextBytes(uid);
    RANDOM.nextBytes(pub);
    return new VirtualYubiKey("cc" + Modhex.encode(pub), aes, uid);
  }

  public String publicId() {
    return publicId;
  }

  public String aesKeyHex() {
    return HexFormat.of().formatHex(aesKey);
  }

  public String privateIdHex() {
    return HexFormat.of().formatHex(privateId);
  }

  /** Types the next OTP of this session. */
  public String touch() {
    String otp =
        publicId
            + token(
                aesKey,
                privateId,
                useCounter,
                timestamp & 0xffff,
                timestamp >>> 16,
                sessionCounter,
                RANDOM.nextInt(1 << 16));
    sessionCounter++;
    timestamp = (timestamp + 8) & 0xffffff;
    if (sessionCounter > 0xff) {
      replug();
    }
    return otp;
  }

  /**
   * Unplugs and plugs the key in again: the usage counter goes up, the session counter restarts.
   */
  public void replug() {
    useCounter++;
    sessionCounter = 0;
  }

  /** The 32 modhex characters of an encrypted token with exactly these fields. */
  public static String token(
      byte[] aesKey,
      byte[] privateId,
      int useCounter,
      int timestampLow,
      int timestampHigh,
      int sessionUse,
      int random) {
    byte[] plain = new byte[16];
    System.arraycopy(privateId, 0, plain, 0, 6);
    plain[6] = (byte) useCounter;
    plain[7] = (byte) (useCounter >>> 8);
    plain[8] = (byte) timestampLow;
    plain[9] = (byte) (timestampLow >>> 8);
    plain[10] = (byte) timestampHigh;
    plain[11] = (byte) sessionUse;
    plain[12] = (byte) random;
    plain[13] = (byte) (random >>> 8);
    int crc = ~YubiKeyToken.crc16(plain, 14) & 0xffff;
    plain[14] = (byte) crc;
    plain[15] = (byte) (crc >>> 8);
    try {
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
      return Modhex.encode(cipher.doFinal(plain));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
