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
        "otpauth://totp/Portcullis:ann@example.com?secret="
            + SECRET
            + "&issuer=Portcullis&algorithm=SHA1&digits=6&period=30",
        OtpAuthUri.of("Portcullis", "ann@example.com", SECRET, Totp.standard()));
  }

  @Test
  void encodesSpacesAsPercent20AndNeverAsPlus() {
    String uri = OtpAuthUri.of("ACME Hosting", "ann smith@example.com", SECRET, Totp.standard());
    assertEquals(
        "otpauth://totp/ACME%20Hosting:ann%20smith@example.com",
        uri.substring(0, uri.indexOf('?')));
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
    assertEquals(
        "otpauth://totp/P%C3%B6rtcullis:zo%C3%AB@ex%C3%A4mple.com",
        uri.substring(0, uri.indexOf('?')));
    assertEquals("/Pörtcullis:zoë@exämple.com", URI.create(uri).getPath());
    assertEquals("issuer=P%C3%B6rtcullis", uri.replaceAll(".*(issuer=[^&]*).*", "$1"));
  }

  @Test
  void encodesQueryDelimitersInTheIssuer() {
    String uri = OtpAuthUri.of("A&B=C?", "ann@example.com", SECRET, Totp.standard());
    assertEquals("issuer=A%26B%3DC%3F", uri.replaceAll(".*(issuer=[^&]*).*", "$1"));
  }

  @Test
  void refusesAnIssuerWithAColonNamingTheSetting() {
    String problem = OtpAuthUri.problemWithIssuer("Acme: Bank").orElseThrow();
    org.junit.jupiter.api.Assertions.assertTrue(
        problem.startsWith("portcullis.totp.issuer must not contain ':'"), problem);
    org.junit.jupiter.api.Assertions.assertTrue(
        OtpAuthUri.problemWithIssuer("Acme Bank").isEmpty());
    org.junit.jupiter.api.Assertions.assertTrue(OtpAuthUri.problemWithIssuer(" ").isPresent());
    org.junit.jupiter.api.Assertions.assertTrue(
        OtpAuthUri.problemWithIssuer("Acme\u200bBank").isPresent());
    org.junit.jupiter.api.Assertions.assertTrue(
        OtpAuthUri.problemWithIssuer("A".repeat(101)).isPresent());
  }

  @Test
  void shortensALongAccountInTheMiddleAndNeverTheSecret() {
    String email = "\u3042".repeat(64) + "@" + "\u3044".repeat(185) + ".jp";
    String uri = OtpAuthUri.of("Portcullis", email, SECRET, Totp.standard());
    String shown = OtpAuthUri.shownAccount("Portcullis", email, SECRET, Totp.standard());
    org.junit.jupiter.api.Assertions.assertTrue(
        shown.startsWith("\u3042") && shown.endsWith(".jp") && shown.contains("\u2026"), shown);
    org.junit.jupiter.api.Assertions.assertTrue(uri.length() <= OtpAuthUri.MAX_LENGTH);
    org.junit.jupiter.api.Assertions.assertTrue(uri.contains("secret=" + SECRET + "&"));
  }
}
