package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.factor.TypedCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The YubiKey parsers over any input: never an exception, and a clear answer either way. */
class YubicoOtpPropertiesTest {

  @Property(tries = 2000)
  void anyInputIsEitherAnOtpOrGetsAMessage(@ForAll @StringLength(max = 80) String input) {
    TypedCode.of(input)
        .ifPresent(
            code -> {
              var problem = YubicoOtp.problemWith(code);
              var otp = YubicoOtp.parse(code);
              assertEquals(problem.isEmpty(), otp.isPresent());
              problem.ifPresent(message -> assertTrue(message.length() > 20, message));
              otp.ifPresent(
                  o -> {
                    assertEquals(code.value(), o.publicId() + Modhex.encode(o.token()));
                    assertEquals(16, o.token().length);
                  });
            });
  }

  @Property
  void modhexRoundTrips(@ForAll @Size(max = 64) byte[] bytes) {
    assertArrayEquals(bytes, Modhex.decode(Modhex.encode(bytes)));
  }

  @Property(tries = 500)
  void aTokenDecryptedWithAnyOtherKeyIsRefusedOrHasAnotherPrivateId(
      @ForAll @Size(16) byte[] aes,
      @ForAll @Size(16) byte[] otherAes,
      @ForAll @Size(6) byte[] uid) {
    String token = VirtualYubiKey.token(aes, uid, 1, 0, 0, 0, 0);
    var decrypted = YubiKeyToken.decrypt(Modhex.decode(token), otherAes);
    if (!java.util.Arrays.equals(aes, otherAes)) {
      // a CRC collision (1 in 65536) must still not reproduce the private id
      assertTrue(decrypted.isEmpty() || !decrypted.get().hasPrivateId(uid));
    }
  }
}
