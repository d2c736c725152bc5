package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Enrolled;
import dev.portcullis.it.pages.LoginPage;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.RegisterPage;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer's story in Chromium, through the real pages of the real WAR: register, enable TOTP
 * by scanning the QR code off the page, log in with password + code, use a recovery code, turn 2FA
 * off. The screenshots it takes illustrate docs/user-guide.md.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ExpectedServerLog({
  // "This wasn't me" tells the administrators through the log, on purpose
  "security\\.NotMe W Account [-0-9a-f]+ reported a change it did not make"
})
public class TwoStepLoginBrowserIT {

  @ArquillianResource URL base;

  @Test
  void aCustomerEnablesTotpLogsInWithACodeUsesARecoveryCodeAndTurnsItOff() throws Exception {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("ann");
      Customer.register(browser, email, "Ann Example");
      assertTrue(browser.text("welcome").contains("Ann Example"));
      Enrolled enrolled = TotpEnrollmentPage.enable(browser, email, true);
      browser.open("faces/app/security.xhtml");
      assertTrue(browser.text("status").contains("on"));
      assertTrue(browser.text("recoveryLeft").startsWith("10 of 10"));
      browser.screenshot("05-security-settings-on");
      Navigation.logOut(browser);
      browser.screenshot("00-log-in");

      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("login/verify.xhtml"), "the password alone is not a login");
      browser.screenshot("06-enter-code");
      String pendingSessionId = browser.sessionId();
      // the enrollment used up its step: the phone's next code (accepted one step ahead) logs in
      long step = Math.max(enrolled.usedStep() + 1, enrolled.phone().stepAt(Instant.now()));
      SecondStepPage.typeCode(browser, enrolled.phone().codeAt(step));
      assertTrue(browser.url().contains("/faces/app/index.xhtml"), browser.url());
      assertNotEquals(pendingSessionId, browser.sessionId(), "the session id changes at login");
      String loggedIn = browser.sessionId();
      Navigation.logOut(browser);
      var afterLogout =
          Https.client()
              .build()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(browser.base() + "faces/app/index.xhtml"))
                      .header("Cookie", "JSESSIONID=" + loggedIn)
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding());
      assertEquals(302, afterLogout.statusCode(), "logout ended the session: its id opens nothing");

      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, enrolled.recoveryCodes().get(3));
      assertTrue(browser.url().contains("/faces/app/index.xhtml"), browser.url());
      assertTrue(
          browser.pageText().contains("9 of your recovery codes are left"), browser.pageText());
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, enrolled.recoveryCodes().get(3));
      assertTrue(browser.url().contains("login/verify.xhtml"), "a recovery code works once");
      assertTrue(browser.pageText().contains("That code didn't work"));
      SecondStepPage.typeCode(browser, enrolled.recoveryCodes().get(0).toUpperCase());
      assertTrue(browser.url().contains("/faces/app/index.xhtml"), browser.url());

      browser.open("faces/app/security.xhtml");
      assertTrue(browser.text("recoveryLeft").startsWith("8 of 10"));
      browser.find("disableToggle").click();
      browser.type("disable:password", "not my password");
      browser.type("disable:code", enrolled.recoveryCodes().get(1));
      browser.clickAndWait("disable:submit");
      assertTrue(
          browser.pageText().contains("That password or code didn't work"),
          "the form opens again, with why");
      browser.type("disable:password", Customer.PASSWORD);
      browser.type("disable:code", enrolled.recoveryCodes().get(1));
      browser.clickAndWait("disable:submit");
      assertTrue(browser.text("status").contains("off"), browser.pageText());
      Navigation.logOut(browser);

      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("/faces/app/index.xhtml"), "password alone again");

      browser.open("faces/app/security.xhtml");
      String activity = browser.text("activityTable");
      for (String seen :
          List.of(
              "Logged in",
              "Recovery code used",
              "Second-factor code refused",
              "Two-Factor Authentication turned off",
              "Wrong password",
              "Logged out",
              "Chrome")) {
        assertTrue(activity.contains(seen), seen + " in\n" + activity);
      }
      browser.screenshot("10-security-activity");
    }
  }

  @Test
  void turningTwoFactorOnSignsOutTheSessionsThatHadOnlyThePassword() throws Exception {
    String email = Customer.newEmail("raise");
    try (Browser here = new Browser(base);
        Browser elsewhere = new Browser(base)) {
      Customer.register(here, email, "Raise Test");
      Customer.typePassword(elsewhere, email);
      assertTrue(
          elsewhere.url().contains("faces/app/index.xhtml"), "password only: " + elsewhere.url());
      TotpEnrollmentPage.enable(here, email, false);
      elsewhere.open("faces/app/index.xhtml");
      assertTrue(
          elsewhere.url().contains("faces/login.xhtml"),
          "the password-only session ended: " + elsewhere.url());
      here.open("faces/app/security.xhtml");
      assertTrue(
          here.url().contains("faces/app/security.xhtml"),
          "the session that turned it on stays in");
      assertTrue(
          here.text("activityTable").contains("Signed out everywhere else"),
          here.text("activityTable"));
    }
  }

  @Test
  void aNewPasswordEndsTheOtherSessionsAndIsMailedAsANotice() throws Exception {
    String email = Customer.newEmail("change");
    String newPassword = "a quite different passphrase";
    try (Browser here = new Browser(base);
        Browser elsewhere = new Browser(base)) {
      Customer.register(here, email, "Change Test");
      Enrolled enrolled = TotpEnrollmentPage.enable(here, email, false);
      SmtpServer.Received added = SmtpServer.await(email, "Security notice: Second factor added");
      assertTrue(added.text().contains("Time-Based (One-Time Password)"), added.text());
      Customer.typePassword(elsewhere, email);
      long step = Math.max(enrolled.usedStep() + 1, enrolled.phone().stepAt(Instant.now()));
      SecondStepPage.typeCode(elsewhere, enrolled.phone().codeAt(step));
      assertTrue(elsewhere.url().contains("faces/app/index.xhtml"), elsewhere.url());
      SmtpServer.Received newBrowser =
          SmtpServer.await(email, "Security notice: Signed in from a new browser");
      assertTrue(newBrowser.text().contains("This wasn't me"), newBrowser.text());

      here.open("faces/app/security.xhtml");
      here.find("changePasswordToggle").click();
      here.type("changePassword:password", Customer.PASSWORD);
      here.type("changePassword:code", enrolled.recoveryCodes().get(0));
      here.type("changePassword:newPassword", "short");
      here.type("changePassword:repeatedPassword", "short");
      here.clickAndWait("changePassword:submit");
      assertTrue(here.pageText().contains("at least"), "the policy's words: " + here.pageText());
      here.type("changePassword:password", Customer.PASSWORD);
      here.type("changePassword:code", enrolled.recoveryCodes().get(0));
      here.type("changePassword:newPassword", newPassword);
      here.type("changePassword:repeatedPassword", newPassword + "!");
      here.clickAndWait("changePassword:submit");
      assertTrue(here.pageText().contains("The two new passwords are not the same"));
      here.type("changePassword:password", "not my password");
      here.type("changePassword:code", enrolled.recoveryCodes().get(0));
      here.type("changePassword:newPassword", newPassword);
      here.type("changePassword:repeatedPassword", newPassword);
      here.clickAndWait("changePassword:submit");
      assertTrue(here.pageText().contains("That password or code didn't work"));
      assertEquals(
          List.of(
              "Security notice: Signed in from a new browser",
              "Security notice: Second factor added",
              "Security notice: New recovery codes made"),
          SmtpServer.subjectsTo(email).stream()
              .filter(subject -> subject.startsWith("Security notice"))
              .sorted(java.util.Comparator.reverseOrder())
              .toList(),
          "nothing changed, nothing mailed");
      here.type("changePassword:password", Customer.PASSWORD);
      here.type("changePassword:code", enrolled.recoveryCodes().get(0));
      here.type("changePassword:newPassword", newPassword);
      here.type("changePassword:repeatedPassword", newPassword);
      here.clickAndWait("changePassword:submit");
      assertTrue(here.pageText().contains("Your password is changed"), here.pageText());
      here.screenshot("11-password-changed");

      elsewhere.open("faces/app/index.xhtml");
      assertTrue(
          elsewhere.url().contains("faces/login.xhtml"),
          "the other session ended: " + elsewhere.url());
      here.open("faces/app/index.xhtml");
      assertTrue(here.url().contains("faces/app/index.xhtml"), "the changing session stays in");
      assertTrue(
          here.pageText().contains("Change Test"),
          "still signed in as the customer: " + here.url());

      SmtpServer.Received notice = SmtpServer.await(email, "Security notice: Password changed");
      assertTrue(notice.text().contains("Security Settings: https://"), notice.text());
      assertFalse(notice.text().contains(newPassword), "no password in a mail");
      assertFalse(notice.text().contains(Customer.PASSWORD), "no password in a mail");

      LoginPage.open(elsewhere).signIn(email, Customer.PASSWORD);
      assertTrue(elsewhere.url().contains("faces/login.xhtml"), "the old password is refused");
      LoginPage.open(elsewhere).signIn(email, newPassword);
      assertTrue(
          elsewhere.url().contains("login/verify.xhtml"),
          "the new one is the first step, the second factor is still asked: " + elsewhere.url());
    }
  }

  @Test
  void aForgottenPasswordIsResetOnceByAMailedLinkAndTheSecondFactorStays() throws Exception {
    String email = Customer.newEmail("forgot");
    String nobody = Customer.newEmail("nobody");
    String newPassword = "another fine passphrase";
    try (Browser signedIn = new Browser(base);
        Browser visitor = new Browser(base)) {
      Customer.register(signedIn, email, "Forgot Test");
      Enrolled enrolled = TotpEnrollmentPage.enable(signedIn, email, false);

      LoginPage.open(visitor);
      visitor.clickAndWait("toForgot");
      visitor.type("forgot:email", nobody);
      visitor.clickAndWait("forgot:submit");
      String forUnknown = visitor.text("messages");
      visitor.type("forgot:email", email);
      visitor.clickAndWait("forgot:submit");
      assertEquals(forUnknown, visitor.text("messages"), "the same answer with or without account");
      assertTrue(forUnknown.contains("If an account has this email address"), forUnknown);
      visitor.screenshot("12-forgot-password");

      SmtpServer.Received mail = SmtpServer.await(email, "Reset your Portcullis password");
      var link =
          java.util.regex.Pattern.compile(
                  "portcullis/(faces/password/reset\\.xhtml\\?token=[A-Za-z0-9_-]{43})")
              .matcher(mail.text());
      assertTrue(link.find(), mail.text());
      String path = link.group(1);
      assertEquals(
          List.of(), SmtpServer.subjectsTo(nobody), "nothing is mailed to an unknown email");

      visitor.open(path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A"));
      assertTrue(visitor.text("invalidLink").contains("expired or was already used"));
      visitor.open(path);
      visitor.screenshot("13-choose-new-password");
      visitor.type("reset:newPassword", "too short");
      visitor.type("reset:repeatedPassword", "too short");
      visitor.clickAndWait("reset:submit");
      assertTrue(visitor.pageText().contains("at least"), "the policy, and the link still works");
      visitor.type("reset:newPassword", newPassword);
      visitor.type("reset:repeatedPassword", newPassword);
      visitor.clickAndWait("reset:submit");
      assertTrue(visitor.url().contains("faces/login.xhtml"), "not signed in: " + visitor.url());
      assertTrue(visitor.pageText().contains("Your password is changed"), visitor.pageText());
      visitor.open("faces/app/index.xhtml");
      assertTrue(visitor.url().contains("faces/login.xhtml"), "nobody is signed in");

      visitor.open(path);
      assertTrue(visitor.text("invalidLink").contains("expired or was already used"), "once only");
      signedIn.open("faces/app/index.xhtml");
      assertTrue(signedIn.url().contains("faces/login.xhtml"), "the old session ended");

      LoginPage.open(visitor).signIn(email, Customer.PASSWORD);
      assertTrue(visitor.url().contains("faces/login.xhtml"), "the old password is refused");
      LoginPage.open(visitor).signIn(email, newPassword);
      assertTrue(visitor.url().contains("login/verify.xhtml"), "2FA is still on: " + visitor.url());
      long step = Math.max(enrolled.usedStep() + 1, enrolled.phone().stepAt(Instant.now()));
      SecondStepPage.typeCode(visitor, enrolled.phone().codeAt(step));
      assertTrue(visitor.url().contains("faces/app/index.xhtml"), visitor.url());
      visitor.open("faces/app/security.xhtml");
      String activity = visitor.text("activityTable");
      assertTrue(activity.contains("Password reset link mailed"), activity);
      assertTrue(activity.contains("Password reset through an emailed link"), activity);
      SmtpServer.Received notice =
          SmtpServer.await(email, "Security notice: Password reset through an emailed link");
      assertFalse(notice.text().contains(newPassword));
    }
  }

  @Test
  void aPasswordAloneReachesNoProtectedPageImageOrAjaxRequest() throws Exception {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("bob");
      Customer.register(browser, email, "Bob Example");
      Enrolled enrolled = TotpEnrollmentPage.enable(browser, email, false);
      Navigation.logOut(browser);

      String beforeLogin = browser.sessionId();
      Customer.typePassword(browser, email);
      assertTrue(
          browser.url().contains("login/verify.xhtml"), browser.url() + "\n" + browser.pageText());
      assertNotEquals(
          beforeLogin, browser.sessionId(), "the password step also renews the session id");

      for (String page :
          List.of(
              "faces/app/index.xhtml",
              "faces/app/security.xhtml",
              "faces/app/totp/enroll.xhtml",
              "faces/app/recovery-codes.xhtml",
              "app/index.xhtml",
              "app/security.xhtml",
              "app/totp/qr.png")) {
        Object status =
            browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {redirect: 'manual', credentials: 'same-origin'})"
                    + ".then(r => done(r.type + ' ' + r.status)).catch(e => done('error ' + e));",
                browser.base() + page);
        assertEquals("opaqueredirect 0", status, page + " must redirect, not answer");
        browser.open(page);
        assertTrue(browser.url().contains("login/verify.xhtml"), page + " led to " + browser.url());
      }
      Object ajax =
          browser.asyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
                  + " headers: {'Faces-Request': 'partial/ajax', 'Content-Type': 'application/x-www-form-urlencoded'},"
                  + " body: 'jakarta.faces.partial.ajax=true&enable=enable'})"
                  + ".then(r => r.text()).then(t => done(t)).catch(e => done('error ' + e));",
              browser.base() + "faces/app/security.xhtml");
      assertTrue(
          String.valueOf(ajax).contains("<redirect url=\"/portcullis/faces/login/verify.xhtml\""),
          String.valueOf(ajax));

      // the right code completes the login; the same code again is a replay
      long step = Math.max(enrolled.usedStep() + 1, enrolled.phone().stepAt(Instant.now()));
      String code = enrolled.phone().codeAt(step);
      SecondStepPage.typeCode(browser, code);
      assertTrue(browser.url().contains("/faces/app/index.xhtml"));
      Navigation.logOut(browser);
      Customer.typePassword(browser, email);
      SecondStepPage.typeCode(browser, code);
      assertTrue(
          browser.pageText().contains("That code didn't work"), "a replayed code is refused");
      SecondStepPage.typeCode(browser, "12 34");
      assertTrue(
          browser.pageText().contains("Enter the code from your authenticator app"),
          "a malformed code is explained");

      // five wrong codes end the pending login: the replayed code was the first, a malformed one
      // does not count
      for (int i = 2; i <= 5; i++) {
        assertTrue(
            browser.url().contains("login/verify.xhtml"), "still pending before wrong code " + i);
        SecondStepPage.typeCode(browser, "000000".equals(code) ? "111111" : "000000");
      }
      assertTrue(browser.url().contains("login.xhtml"), browser.url());
      assertTrue(browser.pageText().contains("Enter your password again"), browser.pageText());
    }
  }

  @Test
  void registrationSaysWhatIsWrongOnTheFormAndKeepsWhatWasTyped() {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("carol");
      Customer.register(browser, email, "Carol Example");
      Navigation.logOut(browser);

      RegisterPage.open(browser)
          .submit(email.toUpperCase(), "Carol Again", Customer.PASSWORD, Customer.PASSWORD);
      assertTrue(
          browser.pageText().contains("An account with this email already exists"),
          browser.pageText());
      assertEquals(
          email.toUpperCase(),
          browser.find("register:email").getAttribute("value"),
          "what was typed is kept");

      RegisterPage.on(browser).submit(Customer.newEmail("dave"), null, "short", "short");
      assertTrue(browser.pageText().contains("Your password has 5 characters; use at least 10."));

      RegisterPage.on(browser)
          .submit(null, null, "x".repeat(100) + "yz1234567890-abcdefghijklmnopqrstuvw", "anything");
      assertTrue(browser.pageText().contains("use at most 128"), browser.pageText());

      RegisterPage.on(browser).submit(null, null, Customer.PASSWORD, Customer.PASSWORD + "!");
      assertTrue(browser.pageText().contains("The two passwords differ"), browser.pageText());
      assertEquals(
          "",
          browser.find("register:password").getAttribute("value"),
          "passwords are not sent back");

      RegisterPage.on(browser).submit("not an email", null, Customer.PASSWORD, Customer.PASSWORD);
      assertTrue(browser.pageText().contains("Enter an email address like name@example.com"));
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("erin");
      Customer.register(browser, email, "Erin Example");
      Navigation.logOut(browser);
      for (String who : List.of(email, Customer.newEmail("nobody"))) {
        LoginPage.open(browser).signIn(who, "wrong password 123");
        assertTrue(browser.pageText().contains("That email and password don't match an account."));
        assertTrue(browser.url().contains("login.xhtml"));
      }
    }
  }

  @Test
  void aFormWithExpiredOrForgedViewStateComesBackWithANoticeNotAnError() {
    try (Browser browser = new Browser(base)) {
      browser.open("faces/login.xhtml");
      browser.script(
          "document.querySelector('input[name=\"jakarta.faces.ViewState\"]').value = 'forged:1';");
      LoginPage.on(browser).signIn("someone@example.com", Customer.PASSWORD);
      assertTrue(browser.url().contains("faces/login.xhtml"), browser.url());
      assertTrue(browser.text("viewExpired").contains("nothing was changed"), browser.pageText());
    }
  }

  @Test
  void tenWrongPasswordsPauseTheAccountEvenForTheRightPassword() {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("frank");
      Customer.register(browser, email, "Frank Example");
      Navigation.logOut(browser);
      for (int i = 0; i < 10; i++) {
        LoginPage.on(browser).signIn(email, "wrong password " + i);
        assertTrue(browser.pageText().contains("That email and password don't match an account."));
      }
      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("login.xhtml"), "paused: not logged in");
      assertTrue(browser.pageText().contains("Too many failed logins"), browser.pageText());
    }
  }

  /** GETs {@code path} of the application over HTTPS, following no redirect. */
  private java.net.http.HttpResponse<String> getOverHttps(String path) throws Exception {
    return Https.client()
        .build()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(Https.secure(base) + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pagesCarryTheSecurityHeaders() throws Exception {
    var plain =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "faces/login.xhtml"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    assertEquals(302, plain.statusCode(), "plain HTTP only redirects");
    assertTrue(
        plain.headers().firstValue("Location").orElse("").startsWith("https://"), "to HTTPS");
    var response = getOverHttps("faces/login.xhtml");
    assertEquals(200, response.statusCode());
    var headers = response.headers();
    assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""));
    assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(""));
    assertTrue(
        headers.firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="), "HSTS");
    assertTrue(
        headers.allValues("Set-Cookie").stream()
            .allMatch(c -> !c.startsWith("JSESSIONID") || c.contains("Secure")),
        "the session cookie is Secure: " + headers.allValues("Set-Cookie"));
    assertTrue(
        headers.firstValue("Cache-Control").orElse("").startsWith("no-store"),
        "pages are not cached");
    List<String> policies = headers.allValues("Content-Security-Policy");
    assertTrue(
        policies.stream().anyMatch(p -> p.contains("frame-ancestors 'none'")), policies.toString());
    assertTrue(
        policies.stream().anyMatch(p -> p.matches(".*script-src[^;]*'nonce-[^']+'.*")),
        policies.toString());
    assertEquals(
        1, policies.size(), "one policy, so its default-src governs scripts too: " + policies);
    assertTrue(policies.get(0).startsWith("default-src 'self';"), policies.toString());
    assertFalse(
        response.body().contains(" onclick=\""), "no inline event handlers under the policy");
    var staticPage = getOverHttps("error.html");
    assertTrue(
        staticPage
            .headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .startsWith("default-src 'self';"),
        "responses that are no Faces page carry the policy too");
  }

  @Test
  void addressesThatNameNoPageAreNotFound() throws Exception {
    for (String path :
        List.of(
            "faces/anything.html",
            "faces/missing.xhtml",
            "faces/nested/folder/x.jsp",
            "missing.xhtml",
            "faces/login.xhtml.bak",
            "faces/",
            "faces/login.html")) {
      var response = getOverHttps(path);
      assertEquals(404, response.statusCode(), path);
      assertTrue(
          response.body().contains("There is no such page"), path + " answers with our page");
    }
  }

  @Test
  void theServerItselfShowsNoWelcomePageAndSendsHsts() throws Exception {
    String root = Https.secure(base).replaceFirst("/portcullis/$", "/");
    var response =
        Https.client()
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(root)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(404, response.statusCode());
    assertFalse(response.body().contains("Open Liberty"), "Liberty's welcome page is off");
    assertTrue(
        response
            .headers()
            .firstValue("Strict-Transport-Security")
            .orElse("")
            .startsWith("max-age="),
        "HSTS");
  }

  @Test
  void aScriptTheBrowserStopsDownloadingLeavesTheLogClean() throws Exception {
    // a client that reads the first bytes of a script, then resets the connection, as a browser
    // does when it navigates on mid-download; its small receive window keeps the server writing
    URI script =
        URI.create(Https.secure(base) + "jakarta.faces.resource/components.js.xhtml?ln=primefaces");
    for (int i = 0; i < 5; i++) {
      try (var socket =
          (javax.net.ssl.SSLSocket) Https.trustingContext().getSocketFactory().createSocket()) {
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(script.getHost(), script.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + script.getRawPath()
                        + "?"
                        + script.getRawQuery()
                        + " HTTP/1.1\r\nHost: "
                        + script.getHost()
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        byte[] start = new byte[1024];
        int read = socket.getInputStream().read(start);
        assertTrue(
            new String(start, 0, read, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"),
            "the script is being served");
        socket.setSoLinger(true, 0); // close with a reset, mid-download
      }
    }
    Thread.sleep(2000); // the server notices while it writes; the class's log check runs after
  }

  @Test
  void primeFacesIconFontsAreServed() {
    try (Browser browser = new Browser(base)) {
      browser.open("faces/login.xhtml");
      Object font =
          browser.asyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "fetch(document.querySelector('link[href*=primeicons]').href).then(r => r.text())"
                  + ".then(css => { const u = css.match(/url\\(\"?([^\")]+woff2[^\")]*)\"?\\)/)[1];"
                  + " return fetch(new URL(u, document.baseURI)).then(r => done(r.status)); })"
                  + ".catch(e => done('error ' + e));");
      assertNotNull(font);
      assertEquals("200", String.valueOf(font));
    }
  }

  /** The path of the first link in {@code mail} to {@code page}, e.g. faces/email/confirm.xhtml. */
  private static String linkTo(String page, SmtpServer.Received mail) {
    var link =
        java.util.regex.Pattern.compile(
                "portcullis/("
                    + java.util.regex.Pattern.quote(page)
                    + "\\?token=[A-Za-z0-9_-]{43})")
            .matcher(mail.text());
    assertTrue(link.find(), mail.text());
    return link.group(1);
  }

  @Test
  void aNewAccountConfirmsItsAddressByAMailedLinkAndCanHaveItSentAgainNotTooOften()
      throws Exception {
    try (Browser browser = new Browser(base);
        Browser visitor = new Browser(base)) {
      String email = Customer.newEmail("confirm");
      Customer.register(browser, email, "Confirm Test");
      assertTrue(browser.text("unconfirmedNotice").contains("not confirmed yet"));
      String first =
          linkTo(
              "faces/email/confirm.xhtml",
              SmtpServer.await(email, "Confirm your email address for Portcullis"));
      browser.clickAndWait("sendAgain:submit");
      assertTrue(
          browser.pageText().contains("less than a minute ago"),
          "at most one link a minute: " + browser.pageText());
      browser.screenshot("14-confirm-your-address");

      visitor.open(first.substring(0, first.length() - 1) + (first.endsWith("A") ? "B" : "A"));
      assertTrue(visitor.text("invalidLink").contains("expired or was already used"));
      visitor.open(first);
      assertTrue(visitor.text("address").contains(email), "the link names the address");
      visitor.clickAndWait("confirm:submit");
      assertTrue(visitor.pageText().contains(email + " is confirmed"), visitor.pageText());
      assertTrue(visitor.url().contains("faces/login.xhtml"), "not signed in: " + visitor.url());
      visitor.open(first);
      assertTrue(visitor.text("invalidLink").contains("expired or was already used"), "once only");

      browser.open("faces/app/index.xhtml");
      assertTrue(
          browser.driver().findElements(org.openqa.selenium.By.id("unconfirmedNotice")).isEmpty());
      browser.open("faces/app/security.xhtml");
      assertTrue(browser.text("activityTable").contains("Email address confirmed"));
    }
  }

  @Test
  void aChangedAddressTakesEffectOnlyWhenTheNewOneConfirmsAndTheOldOneIsTold() throws Exception {
    try (Browser browser = new Browser(base)) {
      String email = Customer.newEmail("moving");
      String taken = Customer.newEmail("taken");
      String moved = Customer.newEmail("moved");
      try (Browser other = new Browser(base)) {
        Customer.register(other, taken, "Taken Address");
      }
      Customer.register(browser, email, "Moving Test");
      browser.open("faces/app/security.xhtml");
      browser.find("changeEmailToggle").click();
      browser.type("changeEmail:newEmail", "not an address");
      browser.type("changeEmail:password", Customer.PASSWORD);
      browser.clickAndWait("changeEmail:submit");
      assertTrue(browser.pageText().contains("Enter an email address like"), browser.pageText());
      browser.type("changeEmail:newEmail", moved);
      browser.type("changeEmail:password", "not my password");
      browser.clickAndWait("changeEmail:submit");
      assertTrue(browser.pageText().contains("didn't work"), "confirm it's you first");
      browser.type("changeEmail:newEmail", taken);
      browser.type("changeEmail:password", Customer.PASSWORD);
      browser.clickAndWait("changeEmail:submit");
      assertTrue(browser.pageText().contains("already exists"), browser.pageText());
      browser.type("changeEmail:newEmail", moved.toUpperCase(java.util.Locale.ROOT));
      browser.type("changeEmail:password", Customer.PASSWORD);
      browser.clickAndWait("changeEmail:submit");
      assertTrue(
          browser.pageText().contains("We mailed a link to " + moved),
          () -> String.valueOf(browser.script("return document.body.textContent")));
      assertTrue(browser.text("currentEmail").contains(email), "nothing changed yet");

      SmtpServer.Received told =
          SmtpServer.await(email, "Security notice: Change of email address asked for");
      assertTrue(told.text().contains(moved), told.text());
      String change =
          linkTo(
              "faces/email/confirm.xhtml",
              SmtpServer.await(moved, "Confirm the new email address of your Portcullis account"));
      browser.open(change);
      assertTrue(browser.text("address").contains(moved));
      browser.clickAndWait("confirm:submit");
      assertTrue(
          browser.pageText().contains("Your account's email address is now " + moved),
          browser.pageText());
      SmtpServer.Received changed =
          SmtpServer.await(email, "Security notice: Email address changed");
      assertTrue(changed.text().contains("This wasn't me"), "told at the old address");
      Navigation.logOut(browser);
      Customer.typePassword(browser, email);
      assertTrue(browser.url().contains("faces/login.xhtml"), "the old address no longer signs in");
      Customer.typePassword(browser, moved);
      assertTrue(browser.url().contains("faces/app/index.xhtml"), browser.url());
      assertTrue(browser.text("accountEmail").contains(moved));
    }
  }

  @Test
  void
      thisWasntMeSignsOutEverywhereAndBlocksSignInUntilTheMailedResetAndOptingOutStopsNewBrowserMail()
          throws Exception {
    String email = Customer.newEmail("notme");
    String newPassword = "a brand new passphrase";
    try (Browser owner = new Browser(base);
        Browser intruder = new Browser(base);
        Browser phone = new Browser(base)) {
      Customer.register(owner, email, "Not Me Test");
      Customer.typePassword(intruder, email);
      assertTrue(intruder.url().contains("faces/app/index.xhtml"), intruder.url());
      String notMe =
          linkTo(
              "faces/email/not-me.xhtml",
              SmtpServer.await(email, "Security notice: Signed in from a new browser"));

      phone.open(notMe);
      assertTrue(phone.text("address").contains(email));
      phone.screenshot("15-this-wasnt-me");
      phone.clickAndWait("notMe:submit");
      assertTrue(phone.text("secured").contains("is secured"), phone.pageText());
      phone.open(notMe);
      assertTrue(phone.text("invalidLink").contains("expired or was already used"), "once only");

      for (Browser b : List.of(owner, intruder)) {
        b.open("faces/app/index.xhtml");
        assertTrue(b.url().contains("faces/login.xhtml"), "signed out everywhere: " + b.url());
      }
      Customer.typePassword(intruder, email);
      assertTrue(intruder.url().contains("faces/login.xhtml"), intruder.url());
      assertTrue(
          intruder.pageText().contains("Sign-in to this account is blocked"), intruder.pageText());
      LoginPage.open(intruder).signIn(email, "a wrong password");
      assertFalse(
          intruder.pageText().contains("blocked"), "a wrong password learns nothing of the block");

      String reset =
          linkTo(
              "faces/password/reset.xhtml",
              SmtpServer.await(email, "Reset your Portcullis password"));
      owner.open(reset);
      owner.type("reset:newPassword", newPassword);
      owner.type("reset:repeatedPassword", newPassword);
      owner.clickAndWait("reset:submit");
      LoginPage.open(owner).signIn(email, newPassword);
      assertTrue(owner.url().contains("faces/app/index.xhtml"), "the reset lifts the block");

      owner.open("faces/app/security.xhtml");
      assertTrue(owner.text("activityTable").contains("This wasn't me"));
      owner.driver().findElement(org.openqa.selenium.By.id("notices:newBrowser")).click();
      owner.clickAndWait("notices:save");
      assertTrue(owner.pageText().contains("no longer mailed"), owner.pageText());
      LoginPage.open(phone).signIn(email, newPassword);
      assertTrue(phone.url().contains("faces/app/index.xhtml"), phone.url());
      phone.open("faces/app/security.xhtml");
      phone.find("changePasswordToggle").click();
      phone.type("changePassword:password", newPassword);
      phone.type("changePassword:newPassword", Customer.PASSWORD);
      phone.type("changePassword:repeatedPassword", Customer.PASSWORD);
      phone.clickAndWait("changePassword:submit");
      SmtpServer.await(email, "Security notice: Password changed");
      assertEquals(
          1,
          SmtpServer.subjectsTo(email).stream()
              .filter(s -> s.equals("Security notice: Signed in from a new browser"))
              .count(),
          "after opting out, the phone's first sign-in was not mailed");
    }
  }
}
