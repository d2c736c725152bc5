package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Any issuer and account label make a valid URI from which both come back exactly. */
class OtpAuthUriPropertiesTest {

  @Property(tries = 1000)
  void labelsSurviveEncodingWhateverTheyContain(
      @ForAll @StringLength(min = 1, max = 60) String issuer,
      @ForAll @StringLength(min = 1, max = 60) String account) {
    String uri = OtpAuthUri.of(issuer, account, "JBSWY3DPEHPK3PXP", Totp.standard());
    URI parsed = URI.create(uri);
    String rawLabel = parsed.getRawPath().substring(1);
    assertEquals(1, rawLabel.chars().filter(c -> c == ':').count(), "one separator: " + rawLabel);
    String[] parts = rawLabel.split(":");
    assertEquals(issuer, URLDecoder.decode(parts[0].replace("+", "%2B"), StandardCharsets.UTF_8));
    assertEquals(account, URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8));
    assertTrue(uri.chars().allMatch(c -> c > 0x20 && c < 0x7f), "ASCII only, so the QR code needs no ECI");
  }
}
