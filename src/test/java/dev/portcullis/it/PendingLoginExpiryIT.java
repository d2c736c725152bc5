package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A correct password waits only a few minutes for the second step. The server's clock is moved
 * through a test-only servlet, so nothing sleeps.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class PendingLoginExpiryIT {

  @ArquillianResource URL base;

  private Instant serverTime(String query) throws Exception {
    String seconds =
        Https.client()
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(Https.secure(base) + "test-clock" + query))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return Instant.ofEpochSecond(Long.parseLong(seconds.trim()));
  }

  /** All classes share one deployment: the server's clock follows the real time again. */
  @AfterEach
  void theServersClockFollowsTheRealTimeAgain() throws Exception {
    serverTime("?reset");
  }

  @Test
  void aPendingLoginExpiresAfterFiveMinutesAndTheRightCodeThenLeadsBackToThePassword()
      throws Exception {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("expiry");
      Customer.register(browser, email, "Expiry Example");
      browser.clickAndWait("navSecurity");
      browser.clickAndWait("enable:enableButton");
      browser.clickAndWait("enable:chooseTotp");
      Phone phone = TotpEnrollmentPage.scan(browser, browser.find("qrCode"));
      browser.type("confirm:code", phone.codeAt(phone.stepAt(serverTime(""))));
      browser.clickAndWait("confirm:submit");
      assertTrue(browser.url().contains("recovery-codes"), browser.url());
      browser.open("faces/app/index.xhtml");
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("login/verify.xhtml"));
      Instant later = serverTime("?advance=PT5M1S");
      SecondStepPage.typeCode(browser, phone.codeAt(phone.stepAt(later)));
      assertTrue(browser.url().contains("faces/login.xhtml"), browser.url());
      assertTrue(browser.pageText().contains("Enter your password again"), browser.pageText());
      browser.open("faces/app/index.xhtml");
      assertTrue(browser.url().contains("faces/login.xhtml"), "still nobody is logged in");

      // a fresh password step works again, with the same (unused) code
      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, phone.codeAt(phone.stepAt(later)));
      assertTrue(browser.url().contains("faces/app/index.xhtml"), browser.url());
    }
  }
}
