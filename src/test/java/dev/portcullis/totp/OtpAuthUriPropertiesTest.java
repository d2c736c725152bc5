package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Any valid issuer and any account label make a valid URI from which both come back exactly. */
class OtpAuthUriPropertiesTest {

  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @Property(tries = 1000)
  void splittingTheLabelAtItsFirstColonGivesExactlyTheIssuerAndTheAccount(
      @ForAll @StringLength(min = 1, max = 60) String issuer,
      @ForAll @StringLength(min = 1, max = 260) String account) {
    Assume.that(OtpAuthUri.problemWithIssuer(issuer).isEmpty());
    String uri = OtpAuthUri.of(issuer, account, SECRET, Totp.standard());
    String rawLabel = URI.create(uri).getRawPath().substring(1);
    // what key URI readers do: split at the first ':' or '%3A', whichever comes first
    int colon = rawLabel.indexOf(':');
    int encoded = rawLabel.toUpperCase().indexOf("%3A");
    int split = encoded >= 0 && encoded < colon ? encoded : colon;
    String rawIssuer = rawLabel.substring(0, split);
    String rawAccount = rawLabel.substring(split + (split == colon ? 1 : 3));
    assertEquals(issuer, decode(rawIssuer));
    assertEquals(
        OtpAuthUri.shownAccount(issuer, account, SECRET, Totp.standard()), decode(rawAccount));
    assertTrue(uri.length() <= OtpAuthUri.MAX_LENGTH, "fits the QR budget: " + uri.length());
    assertTrue(
        uri.chars().allMatch(c -> c > 0x20 && c < 0x7f), "ASCII only, so the QR code needs no ECI");
  }

  @Property(tries = 500)
  void anAccountThatFitsIsShownWhole(@ForAll @StringLength(min = 1, max = 40) String account) {
    Assume.that(OtpAuthUri.encode(account).length() <= 200);
    assertEquals(account, OtpAuthUri.shownAccount("Portcullis", account, SECRET, Totp.standard()));
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
