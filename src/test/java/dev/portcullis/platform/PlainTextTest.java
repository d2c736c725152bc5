package dev.portcullis.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann\u200b",
        "\u202eevil",
        "a\u0000b",
        "x\u2028y",
        "\ufeffbom",
        "\ue000private",
        "soft\u00adhyphen",
        "\ud800lone",
        "\u2066isolate"
      })
  void refusesWhatNobodyCanSee(String text) {
    assertTrue(PlainText.hasInvisible(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann Smith", "Zoë", "李小龍", "O'Brien-Łukasz", "😀"})
  void keepsWhatPeopleWrite(String text) {
    assertFalse(PlainText.hasInvisible(text), text);
  }

  @Test
  void normalizesToNfcAndStrips() {
    assertEquals("zo\u00eb", PlainText.normalize("  zoe\u0308 "));
    assertEquals("", PlainText.normalize(null));
  }

  @Test
  void fullWidthDigitsAreNoHexadecimal() {
    assertFalse(PlainText.isAsciiHex("０１２３４５６７８９ａｂｃｄｅｆ０１２３４５６７８９ａｂｃｄｅｆ０１", 32));
    assertFalse(PlainText.isAsciiHex("٠١٢٣", 4), "Arabic-Indic digits");
    assertTrue(PlainText.isAsciiHex("0123456789abcdefABCDEF0123456789", 32));
    assertFalse(PlainText.isAsciiDigits("１２３"));
    assertTrue(PlainText.isAsciiDigits("123"));
  }

  @Property(tries = 3000)
  void whatTheHexCheckAcceptsTheHexParserReads(@ForAll @StringLength(max = 12) String text) {
    if (PlainText.isAsciiHex(text, text.length()) && text.length() % 2 == 0) {
      assertDoesNotThrow(() -> HexFormat.of().parseHex(text));
    }
  }

  @Property(tries = 3000)
  void whatTheDigitCheckAcceptsParseLongReads(@ForAll @StringLength(max = 18) String text) {
    if (PlainText.isAsciiDigits(text)) {
      assertDoesNotThrow(() -> Long.parseLong(text));
    }
  }
}
