package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.factor.TypedCode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class YubicoOtpTest {

  private static TypedCode typed(String text) {
    return TypedCode.of(text).orElseThrow();
  }

  @Test
  void modhexIsHexWithOtherLetters() {
    assertEquals(
        "jikdunvudhrr", Modhex.encode(HexFormat.of().parseHex("8792ebfe26cc")), "as ykparse says");
    assertArrayEquals(
        HexFormat.of().parseHex("0123456789abcdef"), Modhex.decode("cbdefghijklnrtuv"));
  }

  @Test
  void splitsPublicIdAndToken() {
    YubicoOtp otp =
        YubicoOtp.parse(typed("ccccccjikdunUNLUHNVNNIDBKTCHGTRKNLHTLIUGUTCE")).orElseThrow();
    assertEquals("ccccccjikdun", otp.publicId());
    assertEquals(16, otp.token().length);
    assertFalse(otp.toString().contains("unluhn"), "the token is never shown");
  }

  @Test
  void acceptsThirtyTwoToFortyEightCharacters() {
    assertTrue(YubicoOtp.parse(typed("c".repeat(32))).isPresent());
    assertTrue(YubicoOtp.parse(typed("c".repeat(48))).isPresent());
    assertTrue(YubicoOtp.problemWith(typed("c".repeat(31))).orElseThrow().contains("32 to 48"));
    assertTrue(YubicoOtp.problemWith(typed("c".repeat(49))).orElseThrow().contains("32 to 48"));
  }

  @Test
  void blamesTheKeyboardLayoutForCharactersOutsideModhex() {
    // what a YubiKey types through a Dvorak layout
    String message =
        YubicoOtp.problemWith(typed("jxe.uidchtnbpygkjxe.uidchtnbpygkjxe.uidchtnb")).orElseThrow();
    assertTrue(message.contains("keyboard layout"), message);
  }
}
