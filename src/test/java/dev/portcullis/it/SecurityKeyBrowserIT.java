package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Enrolled;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Security keys (WebAuthn) in Chromium, with its virtual authenticator through WebDriver: the
 * browser, the authenticator and the portal speak the real protocol (attestation, signed
 * assertions, counters); nothing of it is simulated by the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ExpectedServerLog({
  // a counter that goes backwards is a security event, provoked on purpose
  "webauthn\\.WebAuthnFactors W Security event: "
})
public class SecurityKeyBrowserIT {

  @ArquillianResource URL base;

  /** A USB security key with a fingerprint reader, plugged into this browser. */
  private static VirtualAuthenticator plugIn(Browser browser) {
    return browser
        .driver()
        .addVirtualAuthenticator(
            new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
  }

  private static List<String> addKey(Browser browser, String name, boolean screenshots) {
    browser.clickAndWait("navSecurity");
    if (browser.driver().findElements(By.id("enable:enableButton")).isEmpty()) {
      browser.clickAndWait("addSecurityKey");
    } else {
      browser.clickAndWait("enable:enableButton");
      browser.clickAndWait("enable:chooseSecurityKey");
    }
    browser.type("webauthn:name", name);
    if (screenshots) {
      browser.screenshot("18-add-security-key");
    }
    browser.clickAndWait("addKey");
    return browser.driver().findElements(By.cssSelector("#recoveryCodes li")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /**
   * Replaces the key's credential by a copy of it (same private key) whose counter is {@code n}.
   */
  private static void copyWithCounter(VirtualAuthenticator key, Credential original, int n) {
    key.removeAllCredentials();
    key.addCredential(
        Credential.createResidentCredential(
            original.getId(),
            original.getRpId(),
            original.getPrivateKey(),
            original.getUserHandle(),
            n));
  }

  @Test
  void aSecurityKeyTurnsTwoFactorOnSignsInAndACopiedKeyIsRefused() throws Exception {
    try (Browser browser = new Browser(base)) {
      VirtualAuthenticator key = plugIn(browser);
      try {
        String email = Customer.newEmail("fido");
        Customer.register(browser, email, "Fido Example");
        List<String> recoveryCodes = addKey(browser, "Blue key", true);
        assertTrue(
            browser.url().contains("recovery-codes"), browser.url() + "\n" + browser.pageText());
        assertEquals(10, recoveryCodes.size(), "the first factor brings the recovery codes");
        browser.open("faces/app/security.xhtml");
        assertTrue(
            browser.pageText().contains("Security key or passkey “Blue key”"), browser.pageText());
        List<Credential> registered = key.getCredentials();
        assertEquals(1, registered.size(), "the key holds one credential for the portal");
        Navigation.logOut(browser);

        Customer.typePassword(browser, email);
        assertTrue(browser.pageText().contains("Use your security key"), browser.pageText());
        browser.screenshot("19-use-security-key");
        // what a browser might send instead of a signed answer: each gets a message, none signs in
        for (String forged :
            List.of(
                "{\"id\":\"AAAA\",\"type\":\"public-key\"}",
                "not json at all",
                "x".repeat(20_000),
                "")) {
          browser.script("document.getElementById('key:answer').value = arguments[0];", forged);
          browser.clickHiddenAndWait("key:send");
          assertTrue(browser.url().contains("login/verify.xhtml"), browser.url());
          assertTrue(
              browser.pageText().contains("Your security key")
                  && browser.pageText().contains("Use your security key"),
              browser.pageText());
        }
        browser.clickAndWait("useKey");
        assertTrue(
            browser.url().contains("faces/app/index.xhtml"),
            browser.url() + "\n" + browser.pageText());
        Navigation.logOut(browser);

        // the same private key, but with its counter set back: a copy of the key
        Credential original = key.getCredentials().get(0);
        copyWithCounter(key, original, 0);
        Customer.typePassword(browser, email);
        browser.clickAndWait("useKey");
        assertTrue(browser.url().contains("login/verify.xhtml"), browser.url());
        assertTrue(
            browser.pageText().contains("its signature counter went backwards"),
            browser.pageText());

        // from then on the credential is refused, whatever its counter says
        copyWithCounter(key, original, 1000);
        browser.clickAndWait("useKey");
        assertTrue(browser.url().contains("login/verify.xhtml"), browser.url());
        assertTrue(
            browser.pageText().contains("This security key can no longer be used"),
            browser.pageText());

        SecondStepPage.typeCode(browser, recoveryCodes.get(0));
        assertTrue(browser.url().contains("faces/app/index.xhtml"), "a recovery code still works");
        browser.open("faces/app/security.xhtml");
        assertTrue(
            browser.pageText().contains("signature counter went backwards"),
            "the activity list says so:\n" + browser.pageText());
      } finally {
        browser.driver().removeVirtualAuthenticator(key);
      }
    }
  }

  @Test
  void aKeyBesideAnAuthenticatorAppNeedsAFreshProofAndKeepsThePrintedRecoveryCodes()
      throws Exception {
    try (Browser browser = new Browser(base)) {
      VirtualAuthenticator key = plugIn(browser);
      try {
        String email = Customer.newEmail("fido-sudo");
        Customer.register(browser, email, "Fido Sudo");
        Enrolled enrolled = TotpEnrollmentPage.enable(browser, email, false);
        browser.open("faces/app/webauthn/enroll.xhtml");
        assertTrue(
            browser.url().contains("faces/app/reauthenticate.xhtml"),
            "adding a factor beside one asks for a fresh proof");
        browser.type("reauthenticate:password", Customer.PASSWORD);
        browser.type("reauthenticate:code", enrolled.recoveryCodes().get(3));
        browser.clickAndWait("reauthenticate:submit");
        assertTrue(
            browser.url().contains("faces/app/webauthn/enroll.xhtml"),
            "back where the user was going: " + browser.url());
        browser.type("webauthn:name", "Spare key");
        browser.clickAndWait("addKey");
        assertTrue(
            browser.url().contains("faces/app/security.xhtml"),
            browser.url() + "\n" + browser.pageText());
        assertTrue(browser.pageText().contains("Your recovery codes stay as they are"));
        assertTrue(browser.pageText().contains("Time-Based (One-Time Password)"));
        assertTrue(
            browser.pageText().contains("Security key or passkey “Spare key”"), browser.pageText());
        Navigation.logOut(browser);

        Customer.typePassword(browser, email);
        browser.clickAndWait("useKey");
        assertTrue(browser.url().contains("faces/app/index.xhtml"), "the key signs in");
        Navigation.logOut(browser);
        Customer.typePassword(browser, email);
        SecondStepPage.typeCode(browser, enrolled.recoveryCodes().get(4));
        assertTrue(
            browser.url().contains("faces/app/index.xhtml"),
            "the printed recovery codes still work");
      } finally {
        browser.driver().removeVirtualAuthenticator(key);
      }
    }
  }
}
