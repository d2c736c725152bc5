package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Enrolled;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import dev.portcullis.yubikey.VirtualYubiKey;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A customer registers a YubiKey in Chromium and logs in by touching it, with a key known to the
 * validation server and with a key programmed by the operator (local AES validation). The test
 * types what a real key would type.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ExpectedServerLog({
  // a replayed OTP is a security event; the validation service is made unavailable on purpose
  "yubikey\\.YubiKeyFactors W Security event: ",
  "yubikey\\.CloudValidation W YubiKey validation"
})
public class YubiKeyBrowserIT {

  @ArquillianResource URL base;

  private static List<String> registerKey(
      Browser browser, String name, VirtualYubiKey key, boolean local, boolean screenshots) {
    browser.clickAndWait("navSecurity");
    if (browser.driver().findElements(By.id("enable:enableButton")).isEmpty()) {
      browser.clickAndWait("addYubiKey");
    } else {
      browser.clickAndWait("enable:enableButton");
      browser.clickAndWait("enable:chooseYubiKey");
    }
    assertTrue(browser.pageText().contains("you need to have the Yubikey USB"));
    browser.type("yubikey:name", name);
    if (local) {
      browser.type("yubikey:aesKey", key.aesKeyHex());
      browser.type("yubikey:privateId", key.privateIdHex());
    }
    browser.find("yubikey:otp").click();
    if (screenshots) {
      browser.screenshot("07-touch-yubikey");
    }
    browser.type("yubikey:otp", key.touch());
    browser.clickAndWait("yubikey:submit");
    return browser.driver().findElements(By.cssSelector("#recoveryCodes li")).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void aKeyKnownToTheValidationServerLogsInAndAnOutageSendsTheUserToAnotherMethod()
      throws Exception {
    YubiStub.reset();
    VirtualYubiKey key = VirtualYubiKey.random();
    YubiStub.knows(key);
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("yuki");
      Customer.register(browser, email, "Yuki Example");
      List<String> recoveryCodes = registerKey(browser, "Blue key", key, false, true);
      assertTrue(
          browser.url().contains("recovery-codes"), browser.url() + "\n" + browser.pageText());
      assertTrue(recoveryCodes.size() == 10, "the first factor brings the recovery codes");
      browser.open("faces/app/security.xhtml");
      assertTrue(browser.pageText().contains("YubiKey “Blue key”"), browser.pageText());
      browser.screenshot("08-security-settings-yubikey");
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      String otp = key.touch();
      SecondStepPage.typeCode(browser, otp);
      assertTrue(browser.url().contains("faces/app/index.xhtml"), browser.pageText());
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, otp);
      assertTrue(browser.pageText().contains("That code didn't work"), "a replayed OTP is refused");

      VirtualYubiKey someoneElses = VirtualYubiKey.random();
      YubiStub.knows(someoneElses);
      SecondStepPage.typeCode(browser, someoneElses.touch());
      assertTrue(browser.pageText().contains("That code didn't work"), "another key is refused");

      YubiStub.mode(StubMode.BACKEND_ERROR);
      SecondStepPage.typeCode(browser, key.touch());
      assertTrue(
          browser
              .pageText()
              .contains("YubiKey validation is unavailable right now, use another method"),
          browser.pageText());
      browser.screenshot("09-yubikey-unavailable");
      SecondStepPage.typeCode(browser, recoveryCodes.get(0));
      assertTrue(browser.url().contains("faces/app/index.xhtml"), "the recovery code still works");
    } finally {
      YubiStub.reset();
    }
  }

  @Test
  void addingAKeyBesideAnAuthenticatorAppNeedsAFreshProofFirst() throws Exception {
    VirtualYubiKey key = VirtualYubiKey.random();
    YubiStub.knows(key);
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("sudo");
      Customer.register(browser, email, "Sudo Example");
      Enrolled enrolled = TotpEnrollmentPage.enable(browser, email, false);

      browser.open("faces/app/totp/enroll.xhtml");
      assertTrue(
          browser.url().contains("faces/app/reauthenticate.xhtml"),
          "every way to add a factor asks");
      browser.open("faces/app/security.xhtml");
      browser.clickAndWait("addYubiKey");
      assertTrue(browser.url().contains("faces/app/reauthenticate.xhtml"), browser.url());

      browser.type("reauthenticate:password", Customer.PASSWORD);
      browser.type("reauthenticate:code", "not a code");
      browser.clickAndWait("reauthenticate:submit");
      assertTrue(
          browser.pageText().contains("Enter the code from your authenticator app"),
          browser.pageText());

      String beforeProof = browser.sessionId();
      browser.type("reauthenticate:password", Customer.PASSWORD);
      browser.type("reauthenticate:code", enrolled.recoveryCodes().get(5));
      browser.clickAndWait("reauthenticate:submit");
      assertNotEquals(
          beforeProof, browser.sessionId(), "the session id changes at re-authentication");
      assertTrue(
          browser.url().contains("faces/app/yubikey/enroll.xhtml"),
          "back where the user was going");
      browser.open("faces/app/security.xhtml");
      registerKey(browser, "Spare key", key, false, false);
      assertTrue(
          browser.url().contains("faces/app/security.xhtml"),
          browser.url() + "\n" + browser.pageText());
      assertTrue(browser.pageText().contains("Time-Based (One-Time Password)"));
      assertTrue(browser.pageText().contains("YubiKey “Spare key”"), browser.pageText());
    }
  }

  @Test
  void aKeyProgrammedByTheOperatorIsValidatedLocallyAndCanBeRemoved() throws Exception {
    VirtualYubiKey key = VirtualYubiKey.random();
    int asked = YubiStub.requests();
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("lou");
      Customer.register(browser, email, "Lou Example");

      browser.clickAndWait("navSecurity");
      browser.clickAndWait("enable:enableButton");
      browser.clickAndWait("enable:chooseYubiKey");
      browser.type("yubikey:aesKey", "not hex");
      browser.type("yubikey:privateId", key.privateIdHex());
      browser.type("yubikey:otp", key.touch());
      browser.clickAndWait("yubikey:submit");
      assertTrue(
          browser.pageText().contains("The AES key is 32 hexadecimal characters"),
          browser.pageText());

      registerKey(browser, "Programmed key", key, true, false);
      assertTrue(
          browser.url().contains("recovery-codes"), browser.url() + "\n" + browser.pageText());
      browser.open("faces/app/index.xhtml");
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, key.touch());
      assertTrue(browser.url().contains("faces/app/index.xhtml"), browser.pageText());

      try (Browser elsewhere = new Browser(base)) {
        Customer.typePassword(elsewhere, email);
        SecondStepPage.typeCode(elsewhere, key.touch());
        assertTrue(
            elsewhere.url().contains("faces/app/index.xhtml"), "logged in on a second device");

        browser.open("faces/app/security.xhtml");
        browser.find("removeKeyToggle").click();
        browser.type("removeKey:password", Customer.PASSWORD);
        browser.type("removeKey:code", key.touch());
        assertTrue(
            browser.find("removeKey:endOthers").isSelected(), "ending other sessions is offered");
        browser.clickAndWait("removeKey:submit");
        assertTrue(browser.pageText().contains("logged out everywhere else"), browser.pageText());
        assertTrue(
            browser.pageText().contains("It was your last second factor"), browser.pageText());
        assertTrue(browser.text("status").contains("off"));
        assertTrue(YubiStub.requests() == asked, "local validation asked no outside service");

        elsewhere.open("faces/app/index.xhtml");
        assertTrue(
            elsewhere.url().contains("faces/login.xhtml"),
            "the other session ended: " + elsewhere.url());
        browser.open("faces/app/index.xhtml");
        assertTrue(browser.url().contains("faces/app/index.xhtml"), "this session goes on");
      }
    }
  }

  @Test
  void removingAKeyWithoutEndingOtherSessionsKeepsThem() throws Exception {
    VirtualYubiKey key = VirtualYubiKey.random();
    VirtualYubiKey spare = VirtualYubiKey.random();
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("keep");
      Customer.register(browser, email, "Keep Example");
      registerKey(browser, "Main key", key, true, false);
      browser.open("faces/app/security.xhtml");
      browser.clickAndWait("addYubiKey");
      browser.type("reauthenticate:password", Customer.PASSWORD);
      browser.type("reauthenticate:code", key.touch());
      browser.clickAndWait("reauthenticate:submit");
      browser.type("yubikey:name", "Spare key");
      browser.type("yubikey:aesKey", spare.aesKeyHex());
      browser.type("yubikey:privateId", spare.privateIdHex());
      browser.type("yubikey:otp", spare.touch());
      browser.clickAndWait("yubikey:submit");
      try (Browser elsewhere = new Browser(base)) {
        Customer.typePassword(elsewhere, email);
        SecondStepPage.typeCode(elsewhere, spare.touch());
        browser.open("faces/app/security.xhtml");
        browser.find("removeKeyToggle").click();
        new org.openqa.selenium.support.ui.Select(browser.find("removeKey:key"))
            .selectByVisibleText("Spare key (" + spare.publicId() + ")");
        browser.type("removeKey:password", Customer.PASSWORD);
        browser.type("removeKey:code", key.touch());
        browser.find("removeKey:endOthers").click();
        browser.clickAndWait("removeKey:submit");
        assertTrue(
            browser.pageText().contains("can no longer be used to log in"), browser.pageText());
        elsewhere.open("faces/app/index.xhtml");
        assertTrue(elsewhere.url().contains("faces/app/index.xhtml"), "the other session goes on");
      }
    }
  }
}
