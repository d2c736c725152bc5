package dev.portcullis.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.Browser;
import dev.portcullis.it.Phone;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/** Turning on Time-Based (One-Time Password): the choice, the barcode, the recovery codes. */
public final class TotpEnrollmentPage {

  private TotpEnrollmentPage() {}

  /**
   * From Security Settings: "Click here to Enable", Time-Based, scan the barcode as a phone would,
   * confirm with its code, and take the recovery codes; checks every page on the way.
   */
  public static Enrolled enable(Browser browser, String email, boolean screenshots)
      throws Exception {
    browser.clickAndWait("navSecurity");
    assertTrue(browser.text("status").contains("off"));
    if (screenshots) {
      browser.screenshot("01-security-settings");
    }
    browser.clickAndWait("enable:enableButton");
    if (screenshots) {
      browser.screenshot("02-choose-time-based");
    }
    browser.clickAndWait("enable:chooseTotp");
    assertTrue(browser.pageText().contains("Scan a barcode"));
    if (screenshots) {
      browser.screenshot("03-scan-barcode");
    }

    WebElement qr = browser.find("qrCode");
    String src = qr.getAttribute("src");
    Phone phone = scan(browser, qr);
    assertFalse(src.contains(phone.parameter("secret")), "the secret is never in a URL");
    assertEquals("Portcullis:" + email, phone.label());
    assertEquals("Portcullis", phone.parameter("issuer"));
    assertEquals(32, phone.parameter("secret").length(), "160 bits in base32");
    assertEquals(
        phone.parameter("secret"),
        browser.text("secretKey").replace(" ", ""),
        "the key shown as text is the one in the barcode");
    assertTrue(browser.text("secretKey").matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}"), "groups of four");
    assertTrue(browser.text("serverTime").endsWith("UTC"));

    long step = phone.stepAt(Instant.now());
    browser.type("confirm:code", phone.codeAt(step));
    browser.clickAndWait("confirm:submit");
    assertTrue(browser.url().contains("recovery-codes"), browser.url());
    List<String> codes =
        browser.driver().findElements(By.cssSelector("#recoveryCodes li")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(10, codes.size());
    if (screenshots) {
      browser.screenshot("04-recovery-codes");
    }
    String download = browser.find("downloadCodes").getAttribute("href");
    assertEquals(
        "portcullis-recovery-codes.txt", browser.find("downloadCodes").getAttribute("download"));
    String file =
        URLDecoder.decode(download.substring(download.indexOf(',') + 1), StandardCharsets.UTF_8);
    codes.forEach(c -> assertTrue(file.contains(c), "download holds every code"));

    // shown once: the same page again shows no codes
    browser.open("faces/app/recovery-codes.xhtml");
    assertTrue(browser.driver().findElements(By.id("recoveryCodes")).isEmpty());
    // the one-time messages and codes came through the flash, whose cookie is gone once they were
    // shown
    assertEquals(null, browser.driver().manage().getCookieNamed("csfcfc"), "no stale flash cookie");
    return new Enrolled(email, phone, step, codes);
  }

  /**
   * Like a phone's camera: waits until the image is there, and looks again if a frame is
   * unreadable.
   */
  public static Phone scan(Browser browser, WebElement qr) throws Exception {
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver(), java.time.Duration.ofSeconds(10))
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser.script(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0;", qr)));
    Exception last = null;
    for (int frame = 0; frame < 5; frame++) {
      byte[] picture = qr.getScreenshotAs(OutputType.BYTES);
      try {
        return Phone.scan(picture);
      } catch (com.google.zxing.ReaderException unreadable) {
        last = unreadable;
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/unreadable-qr.png"), picture);
        Thread.sleep(200);
      }
    }
    throw last;
  }
}
