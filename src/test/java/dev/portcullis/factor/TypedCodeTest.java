package dev.portcullis.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedCodeTest {

  @Test
  void dropsSpacesAndDashesAndLowerCases() {
    assertEquals("123456", TypedCode.of(" 123 456\t").orElseThrow().value());
    assertEquals("abcdefghijklmnop", TypedCode.of("ABCD-efgh ijkl-MNOP").orElseThrow().value());
    assertEquals("123456", TypedCode.of("123\u00a0456").orElseThrow().value());
  }

  @Test
  void keepsPrintableAsciiForTheMethodsToJudge() {
    assertEquals("jxe.uidchtnbpygk", TypedCode.of("JXE.UIDCHTNBPYGK").orElseThrow().value());
    assertEquals("<script>", TypedCode.of("<script>").orElseThrow().value());
  }

  @Test
  void knowsSixDigits() {
    assertTrue(TypedCode.of("123 456").orElseThrow().isDigits(6));
    assertFalse(TypedCode.of("12345a").orElseThrow().isDigits(6));
    assertFalse(TypedCode.of("1234567").orElseThrow().isDigits(6));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "---",
        "１２３４５６",
        "12345\u0000",
        "12\u0007456",
        "ünïcode",
        "\u202e123456"
      })
  void refusesInputThatCannotBeACode(String input) {
    assertTrue(TypedCode.of(input).isEmpty(), input);
  }

  @Test
  void refusesVeryLongInputBeforeLookingAtIt() {
    assertTrue(TypedCode.of("1".repeat(TypedCode.MAX_INPUT_LENGTH + 1)).isEmpty());
    assertTrue(TypedCode.of(null).isEmpty());
  }

  @Test
  void neverShowsTheCodeInToString() {
    assertFalse(TypedCode.of("123456").orElseThrow().toString().contains("123456"));
  }
}
