package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Enrolled;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.RegisterPage;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The admin console in Chromium, with a customer in a second browser: the customer locks their
 * second step with twenty wrong codes through the real login pages, the administrator finds them,
 * unlocks, and later resets their 2FA with a reason the customer then sees. The test server lists
 * {@code ops@portcullis.test} in {@code portcullis.admin.emails}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class AdminConsoleBrowserIT {

  static final String ADMIN_EMAIL = "ops@portcullis.test";

  @ArquillianResource URL base;

  @Test
  void anAdministratorUnlocksAndResetsACustomerWhoSeesWhy() throws Exception {
    try (Browser admin = new Browser(base);
        Browser customer = new Browser(base)) {
      // the test server's policy requires 2FA of administrators, with no grace period
      RegisterPage.open(admin)
          .submit(ADMIN_EMAIL, "Operator", Customer.PASSWORD, Customer.PASSWORD);
      assertTrue(
          admin.url().contains("/faces/app/security.xhtml"),
          "sent to set up 2FA first: " + admin.url());
      assertTrue(admin.text("enrollmentRequired").contains("required"));
      admin.screenshot("admin-00-enrollment-required");
      for (String elsewhere :
          new String[] {"faces/app/index.xhtml", "app/index.xhtml", "faces/admin/index.xhtml"}) {
        admin.open(elsewhere);
        assertTrue(
            admin.url().contains("/faces/app/security.xhtml"),
            elsewhere + " is out of reach: " + admin.url());
      }
      Enrolled adminFactor = TotpEnrollmentPage.enable(admin, ADMIN_EMAIL, false);
      admin.open("faces/app/index.xhtml");
      assertTrue(
          admin.url().contains("/faces/app/index.xhtml"), "with 2FA on, the client area opens");
      admin.open("faces/admin/index.xhtml");
      assertTrue(
          admin.pageText().contains("This page is for administrators"),
          "the admin role comes with a new login");
      SmtpServer.Received confirmation =
          SmtpServer.await(ADMIN_EMAIL, "Confirm your email address for Portcullis");
      var link =
          java.util.regex.Pattern.compile(
                  "portcullis/(faces/email/confirm\\.xhtml\\?token=[A-Za-z0-9_-]{43})")
              .matcher(confirmation.text());
      assertTrue(link.find(), confirmation.text());
      admin.open(link.group(1));
      assertTrue(admin.text("address").contains(ADMIN_EMAIL));
      admin.clickAndWait("confirm:submit");
      assertTrue(admin.pageText().contains("is confirmed"), admin.pageText());
      Navigation.logOut(admin);
      Customer.typePassword(admin, ADMIN_EMAIL);
      SecondStepPage.typeCode(admin, adminFactor.phone().codeAt(adminFactor.nextStep()));
      assertTrue(admin.url().contains("/faces/app/index.xhtml"), admin.url());

      String email = Customer.newEmail("locked-out");
      Customer.register(customer, email, "Locked Out");
      customer.open("faces/admin/index.xhtml");
      assertTrue(
          customer.pageText().contains("This page is for administrators"),
          "a customer gets no admin page");
      assertTrue(customer.driver().findElements(By.id("navAdmin")).isEmpty());
      Enrolled customerFactor = TotpEnrollmentPage.enable(customer, email, false);
      Navigation.logOut(customer);
      String wrong =
          customerFactor.phone().codeAt(customerFactor.nextStep()).equals("000000")
              ? "111111"
              : "000000";
      for (int round = 0; round < 4; round++) {
        Customer.typePassword(customer, email);
        for (int attempt = 0; attempt < 5; attempt++) {
          assertTrue(customer.url().contains("login/verify.xhtml"), customer.url());
          SecondStepPage.typeCode(customer, wrong);
        }
      }
      Customer.typePassword(customer, email);
      SecondStepPage.typeCode(customer, customerFactor.phone().codeAt(customerFactor.nextStep()));
      assertTrue(
          customer.url().contains("login/verify.xhtml"), "locked: even the right code is refused");

      admin.clickAndWait("navAdmin");
      admin.type("q", "locked-out+");
      admin.clickAndWait("searchButton");
      assertTrue(admin.text("results").contains(email), admin.text("results"));
      assertTrue(admin.text("results").contains("locked"));
      admin.screenshot("admin-01-find-account");
      admin.driver().findElement(By.linkText(email)).click();
      assertTrue(admin.text("lockStatus").startsWith("Locked until"), admin.text("lockStatus"));
      assertTrue(admin.text("factorTable").contains("Time-Based (One-Time Password)"));
      assertTrue(
          admin.text("activityTable").contains("Second step locked after too many wrong codes"));
      admin.screenshot("admin-02-account");
      admin.clickAndWait("unlock:submit");
      assertTrue(admin.pageText().contains("is unlocked"), admin.pageText());
      assertTrue(admin.text("lockStatus").startsWith("Open"));

      Customer.typePassword(customer, email);
      SecondStepPage.typeCode(customer, customerFactor.phone().codeAt(customerFactor.nextStep()));
      assertTrue(
          customer.url().contains("/faces/app/index.xhtml"), "unlocked: the right code logs in");

      admin.clickAndWait("reset:submit");
      assertTrue(admin.pageText().contains("Give a reason"), "no reason, no reset");
      assertTrue(admin.text("twoFactorStatus").contains("on"), "nothing was changed");
      admin.type("reset:reason", "Lost phone and codes; identity checked by a call back");
      admin.type("reset:password", Customer.PASSWORD);
      admin.type("reset:code", adminFactor.recoveryCodes().get(0));
      admin.clickAndWait("reset:submit");
      assertTrue(
          admin.pageText().contains("is reset and its sessions are ended"), admin.pageText());
      assertTrue(admin.text("twoFactorStatus").contains("off"));
      assertTrue(admin.text("recoveryLeft").startsWith("0 left"));

      customer.open("faces/app/security.xhtml");
      assertTrue(customer.url().contains("login.xhtml"), "the reset ended the customer's session");
      Customer.typePassword(customer, email);
      assertTrue(
          customer.url().contains("/faces/app/index.xhtml"), "2FA is off: the password logs in");
      customer.open("faces/app/security.xhtml");
      assertTrue(customer.text("status").contains("off"));
      assertTrue(
          customer
              .text("activityTable")
              .contains(
                  "Two-Factor Authentication reset by an administrator: reason: Lost phone and codes"),
          customer.text("activityTable"));

      admin.open("faces/app/security.xhtml");
      assertTrue(
          admin.text("activityTable").contains("Administrator action: reset 2FA of " + email));

      aCustomerWhoLostEverythingSubmitsATicketAndCancelsItsApproval(admin, adminFactor);
    }
  }

  /**
   * "Submit a ticket" at the second step: the request form, the mailed confirmation, the console's
   * list and the approval (reason, password, code), the mailed cancel link, one click to cancel;
   * then a second request from Security Settings, approved and made due at once by the test's
   * servlet: the session ends, the password alone signs in, and the Client Area asks for 2FA again.
   * That it acts only after its delay, with the mail half-way, is {@link AdminActionsIT}'s to show,
   * where the clock moves.
   */
  private void aCustomerWhoLostEverythingSubmitsATicketAndCancelsItsApproval(
      Browser admin, Enrolled adminFactor) throws Exception {
    try (Browser customer = new Browser(base)) {
      String email = Customer.newEmail("lost-everything");
      Customer.register(customer, email, "Lost Everything");
      Enrolled factor = TotpEnrollmentPage.enable(customer, email, false);
      Navigation.logOut(customer);
      customer.open("faces/login/recovery.xhtml");
      assertTrue(customer.url().contains("login.xhtml"), "the password comes first");
      Customer.typePassword(customer, email);
      customer.clickAndWait("submitTicket");
      assertTrue(customer.url().contains("login/recovery.xhtml"), customer.url());
      customer.clickAndWait("request:submit");
      assertTrue(customer.pageText().contains("at least 20 characters"), customer.pageText());
      customer.open("faces/login/recovery.xhtml");
      customer.type(
          "request:what",
          "My phone was stolen on the train.\nThe recovery codes were in its notes app.");
      customer.type("request:reference", "Ticket 4711");
      customer.screenshot("16-submit-a-ticket");
      customer.clickAndWait("request:submit");
      assertTrue(customer.text("sent").contains(email), customer.pageText());

      SmtpServer.Received confirmation =
          SmtpServer.await(email, "Confirm your account recovery request");
      customer.open(link(confirmation, "faces/email/recovery\\.xhtml"));
      assertTrue(customer.text("whatHappened").contains("stolen on the train"));
      customer.clickAndWait("confirmRecovery:submit");
      assertTrue(customer.text("confirmed").contains("An administrator reviews it"));

      admin.clickAndWait("navAdmin");
      assertTrue(admin.text("recoveryTable").contains(email), admin.text("recoveryTable"));
      assertTrue(admin.text("recoveryTable").contains("awaiting a decision"));
      admin.driver().findElement(By.linkText(email)).click();
      assertTrue(admin.text("recoveryWhat").contains("recovery codes were in its notes app"));
      assertTrue(admin.text("recoveryReference").contains("Ticket 4711"));
      admin.script("document.getElementById('recoveryBox').scrollIntoView()");
      admin.screenshot("admin-03-recovery-request");
      admin.type("review:reason", "Called back on the number in our records");
      admin.clickAndWait("review:approve");
      assertTrue(
          !admin.pageText().contains("Approved.")
              && !admin.text("recoveryStatus").contains("Approved by"),
          "no proof, no approval");
      admin.type("review:reason", "Called back on the number in our records");
      admin.type("review:password", Customer.PASSWORD);
      admin.type("review:code", adminFactor.recoveryCodes().get(1));
      admin.clickAndWait("review:approve");
      assertTrue(admin.pageText().contains("Approved."), admin.pageText());
      assertTrue(admin.text("recoveryStatus").contains("Approved by " + ADMIN_EMAIL));

      SmtpServer.Received approved =
          SmtpServer.await(email, "Your account recovery request was approved");
      assertTrue(approved.text().contains("Called back on the number in our records"));
      String cancel = link(approved, "faces/email/cancel-recovery\\.xhtml");
      customer.open(cancel);
      assertTrue(customer.text("effective").contains("UTC"));
      customer.screenshot("17-cancel-the-recovery");
      customer.clickAndWait("cancelRecovery:submit");
      assertTrue(customer.text("cancelled").contains("your second factors stay"));
      customer.open(cancel);
      assertTrue(customer.text("invalidLink").contains("no longer works"), "once");

      admin.driver().navigate().refresh();
      assertTrue(admin.driver().findElements(By.id("recoveryBox")).isEmpty(), "cancelled");
      Customer.typePassword(customer, email);
      SecondStepPage.typeCode(customer, factor.phone().codeAt(factor.nextStep()));
      assertTrue(customer.url().contains("/faces/app/index.xhtml"), "the factor still works");
      customer.open("faces/app/security.xhtml");
      String activity = customer.text("activityTable");
      for (String step :
          new String[] {
            "Account recovery requested",
            "Account recovery request confirmed",
            "Account recovery request approved by an administrator: reason: Called back",
            "Account recovery request cancelled"
          }) {
        assertTrue(activity.contains(step), step + " in:\n" + activity);
      }

      // a second request, from Security Settings this time, approved and left to run its course
      customer.clickAndWait("submitTicket");
      customer.type("request:what", "I lost the phone again, for good this time.");
      customer.clickAndWait("request:submit");
      assertTrue(customer.text("sent").contains(email), customer.pageText());
      customer.open(
          link(
              SmtpServer.await(email, "Confirm your account recovery request", 2),
              "faces/email/recovery\\.xhtml"));
      customer.clickAndWait("confirmRecovery:submit");
      admin.driver().navigate().refresh();
      assertTrue(admin.text("recoveryWhat").contains("for good this time"));
      admin.type("review:reason", "Called back on the number in our records");
      admin.type("review:password", Customer.PASSWORD);
      admin.type("review:code", adminFactor.recoveryCodes().get(2));
      admin.clickAndWait("review:approve");
      SmtpServer.await(email, "Your account recovery request was approved", 2);
      assertEquals("1", dueNow(email), "the test skips the 24 hours");
      SmtpServer.await(
          email,
          "Security notice: Second factors removed by the approved account recovery request");
      customer.open("faces/app/index.xhtml");
      assertTrue(customer.url().contains("login.xhtml"), "the removal ended the session");
      Customer.typePassword(customer, email);
      assertTrue(
          customer.url().contains("/faces/app/index.xhtml"), "2FA is off: the password logs in");
      assertTrue(
          customer.text("recoveredNotice").contains("Set up Two-Factor Authentication again"),
          customer.pageText());
      customer.clickAndWait("setUpAgain");
      assertTrue(customer.text("status").contains("off"));
    }
  }

  /** Makes the customer's approved recovery request due and runs a round (RecoveryDueServlet). */
  private String dueNow(String email) throws Exception {
    return Https.client()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        Https.secure(base)
                            + "test-recovery-due?email="
                            + java.net.URLEncoder.encode(
                                email, java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())
        .body()
        .trim();
  }

  /** The path of the link to {@code page} in {@code mail}. */
  private static String link(SmtpServer.Received mail, String page) {
    var link =
        java.util.regex.Pattern.compile("portcullis/(" + page + "\\?token=[A-Za-z0-9_-]{43})")
            .matcher(mail.text());
    assertTrue(link.find(), mail.text());
    return link.group(1);
  }
}
