package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crawls every page of the client area found in the built WAR, under both Faces mappings, plus the
 * QR image and an AJAX post, with no session and with a password-only (pending) session: every
 * answer must be a redirect to a login step, never protected content.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class AccessControlCrawlIT {

  @ArquillianResource URL base;

  /**
   * Every protected address of the application: the pages under app/ and admin/, and the servlets
   * there.
   */
  static List<String> protectedAddresses() throws Exception {
    List<String> addresses = new ArrayList<>();
    try (ZipFile war =
        new ZipFile(new File(System.getProperty("portcullis.war", "target/portcullis.war")))) {
      for (var entry : Collections.list(war.entries())) {
        if ((entry.getName().startsWith("app/") || entry.getName().startsWith("admin/"))
            && entry.getName().endsWith(".xhtml")) {
          addresses.add("faces/" + entry.getName());
          addresses.add(entry.getName());
        }
      }
    }
    addresses.add("app/totp/qr.png");
    addresses.add("app/totp/qr.png?f=x");
    assertTrue(addresses.size() >= 18, "the WAR's pages were found: " + addresses);
    assertTrue(addresses.contains("faces/admin/account.xhtml"), "the admin console is crawled too");
    return addresses;
  }

  private void crawl(String cookie, String expectedStep) throws Exception {
    HttpClient client = Https.client().followRedirects(HttpClient.Redirect.NEVER).build();
    for (String address : protectedAddresses()) {
      for (String method : List.of("GET", "POST")) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(Https.secure(base) + address));
        if (cookie != null) {
          request.header("Cookie", cookie);
        }
        request =
            "GET".equals(method)
                ? request.GET()
                : request
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.ViewState=stateless"));
        HttpResponse<String> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String where =
            method
                + " "
                + address
                + " ("
                + (cookie == null ? "no session" : "pending session")
                + ")";
        assertTrue(
            response.statusCode() == 302 || response.statusCode() == 303,
            where + " answered " + response.statusCode());
        assertTrue(
            response.headers().firstValue("Location").orElse("").endsWith(expectedStep), where);
        assertFalse(
            response.body().contains("Security Settings")
                || response.body().contains("PNG")
                || response.body().contains("Find an account"),
            where);
      }
      HttpRequest ajax =
          HttpRequest.newBuilder(URI.create(Https.secure(base) + address))
              .header("Faces-Request", "partial/ajax")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Cookie", cookie == null ? "JSESSIONID=none" : cookie)
              .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true"))
              .build();
      HttpResponse<String> response = client.send(ajax, HttpResponse.BodyHandlers.ofString());
      assertTrue(
          response.body().contains("<redirect url=\"/portcullis/" + expectedStep + "\""),
          "AJAX " + address + ": " + response.body());
    }
  }

  @Test
  void withoutASessionEveryProtectedAddressLeadsToTheLogin() throws Exception {
    crawl(null, "faces/login.xhtml");
  }

  @Test
  void withOnlyAPasswordEveryProtectedAddressLeadsToTheSecondStep() throws Exception {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("crawl");
      Customer.register(browser, email, "Crawl Example");
      TotpEnrollmentPage.enable(browser, email, false);
      Navigation.logOut(browser);
      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("login/verify.xhtml"));
      crawl("JSESSIONID=" + browser.sessionId(), "faces/login/verify.xhtml");
      browser.open("faces/login/verify.xhtml");
      assertTrue(
          browser.url().contains("login/verify.xhtml"), "the crawl did not end the pending login");
    }
  }
}
