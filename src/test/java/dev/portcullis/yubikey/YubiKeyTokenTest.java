package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Against test vectors made by Debian's ykgenerate and read by ykparse (see make-vectors.sh). */
class YubiKeyTokenTest {

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvFileSource(resources = "/yubikey/ykgenerate-vectors.csv", numLinesToSkip = 1)
  void theGeneratorMakesExactlyWhatYkgenerateMakes(
      String aes,
      String uid,
      String counter,
      String low,
      String high,
      String use,
      String random,
      String token) {
    assertEquals(
        token,
        VirtualYubiKey.token(
            HEX.parseHex(aes),
            HEX.parseHex(uid),
            Integer.parseInt(counter, 16),
            Integer.parseInt(low, 16),
            Integer.parseInt(high, 16),
            Integer.parseInt(use, 16),
            Integer.parseInt(random, 16)));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/yubikey/ykgenerate-vectors.csv", numLinesToSkip = 1)
  void decryptsWhatYkgenerateMade(
      String aes,
      String uid,
      String counter,
      String low,
      String high,
      String use,
      String random,
      String token) {
    YubiKeyToken decrypted =
        YubiKeyToken.decrypt(Modhex.decode(token), HEX.parseHex(aes)).orElseThrow();
    assertTrue(decrypted.hasPrivateId(HEX.parseHex(uid)));
    assertEquals(Integer.parseInt(counter, 16), decrypted.useCounter());
    assertEquals(Integer.parseInt(use, 16), decrypted.sessionCounter());
    assertEquals(Integer.parseInt(high + low, 16), decrypted.timestamp());
  }

  @Test
  void aWrongKeyFailsTheCrc() {
    String token = "unluhnvnnidbktchgtrknlhtliugutce";
    assertTrue(
        YubiKeyToken.decrypt(Modhex.decode(token), HEX.parseHex("ecde18dbe76fbd0c33330f1c354871db"))
            .isPresent());
    assertFalse(
        YubiKeyToken.decrypt(Modhex.decode(token), HEX.parseHex("ecde18dbe76fbd0c33330f1c354871dc"))
            .isPresent());
  }

  @Test
  void theCounterOrdersOtpsAcrossSessionsAndIgnoresTheCapsLockFlag() {
    byte[] aes = new byte[16];
    byte[] uid = new byte[6];
    long first = counterOf(VirtualYubiKey.token(aes, uid, 5, 0, 0, 0xff, 1), aes);
    long next = counterOf(VirtualYubiKey.token(aes, uid, 6, 0, 0, 0, 1), aes);
    long capsLock = counterOf(VirtualYubiKey.token(aes, uid, 0x8006, 0, 0, 1, 1), aes);
    assertTrue(next > first);
    assertTrue(capsLock > next);
  }

  private static long counterOf(String token, byte[] aes) {
    return YubiKeyToken.decrypt(Modhex.decode(token), aes).orElseThrow().counter();
  }
}
