package dev.portcullis.factor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever is typed into a code field, normalization never fails and only ever yields a clean code.
 */
class TypedCodePropertiesTest {

  @Property(tries = 2000)
  void anyInputIsEitherRefusedOrNormalizedToPrintableAscii(
      @ForAll @StringLength(max = 200) String input) {
    TypedCode.of(input)
        .ifPresent(
            code -> {
              String value = code.value();
              assertTrue(!value.isEmpty() && value.length() <= TypedCode.MAX_INPUT_LENGTH);
              assertTrue(value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '-'), value);
              assertTrue(value.equals(value.toLowerCase(java.util.Locale.ROOT)));
              assertTrue(code.toString().equals("TypedCode[redacted]"), "never shown");
            });
  }
}
