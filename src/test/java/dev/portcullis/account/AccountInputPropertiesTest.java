package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Registration's rules over any input: a verdict, never an exception. */
class AccountInputPropertiesTest {

  @Property(tries = 2000)
  void anEmailIsEitherRefusedOrStoredNormalized(@ForAll @StringLength(max = 300) String input) {
    EmailAddress.parse(input)
        .ifPresent(
            address -> {
              String value = address.value();
              assertTrue(value.length() <= EmailAddress.MAX_LENGTH);
              assertEquals(1, value.chars().filter(c -> c == '@').count());
              assertTrue(
                  value
                      .chars()
                      .noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)));
              assertTrue(
                  !dev.portcullis.platform.PlainText.hasInvisible(value),
                  "no invisible characters");
              assertEquals(
                  java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC),
                  value,
                  "NFC");
              assertEquals(
                  value,
                  EmailAddress.parse(value).orElseThrow().value(),
                  "normalizing twice changes nothing");
            });
  }

  @Property(tries = 2000)
  void aPasswordIsEitherRefusedWithASentenceOrReasonable(
      @ForAll @StringLength(max = 300) String password,
      @ForAll @StringLength(max = 60) String email) {
    PasswordPolicy.problemWith(password, email)
        .ifPresentOrElse(
            message -> assertTrue(message.endsWith(".") && message.length() > 10, message),
            () -> {
              int length = password.codePointCount(0, password.length());
              assertTrue(
                  length >= PasswordPolicy.MIN_LENGTH && length <= PasswordPolicy.MAX_LENGTH);
              assertTrue(password.chars().noneMatch(Character::isISOControl));
            });
  }
}
