package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @Test
  void hasTheKeyUriFormatThatAppsRead() {
    assertEquals(
        "otpauth://totp/Portcullis:ann@example.com?secret=" + SECRET
            + "&issuer=Portcullis&algorithm=SHA1&digits=6&period=30",
        OtpAuthUri.of("Portcullis", "ann@example.com", SECRET, Totp.standard()));
  }

  @Test
  void encodesSpacesAsPercent20AndNeverAsPlus() {
    String uri = OtpAuthUri.of("ACME Hosting", "ann smith@example.com", SECRET, Totp.standard());
    assertEquals("otpauth://totp/ACME%20Hosting:ann%20smith@example.com", uri.substring(0, uri.indexOf('?')));
    assertFalse(uri.contains("+"));
    assertEquals("/ACME Hosting:ann smith@example.com", URI.create(uri).getPath());
  }

  @Test
  void encodesAColonInsideTheAccountSoTheSeparatorStaysUnique() {
    String uri = OtpAuthUri.of("Portcullis", "a:b@example.com", SECRET, Totp.standard());
    assertEquals("otpauth://totp/Portcullis:a%3Ab@example.com", uri.substring(0, uri.indexOf('?')));
  }

  @Test
  void encodesNonAsciiAsUtf8() {
    String uri = OtpAuthUri.of("Pörtcullis", "zoë@exämple.com", SECRET, Totp.standard());
    assertEquals("otpauth://totp/P%C3%B6rtcullis:zo%C3%AB@ex%C3%A4mple.com",
        uri.substring(0, uri.indexOf('?')));
    assertEquals("/Pörtcullis:zoë@exämple.com", URI.create(uri).getPath());
    assertEquals("issuer=P%C3%B6rtcullis", uri.replaceAll(".*(issuer=[^&]*).*", "$1"));
  }

  @Test
  void encodesQueryDelimitersInTheIssuer() {
    String uri = OtpAuthUri.of("A&B=C?", "ann@example.com", SECRET, Totp.standard());
    assertEquals("issuer=A%26B%3DC%3F", uri.replaceAll(".*(issuer=[^&]*).*", "$1"));
  }
}
