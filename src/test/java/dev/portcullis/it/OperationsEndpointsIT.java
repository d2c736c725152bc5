package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.LoginPage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What operators and load balancers read: readiness with the database and its schema, liveness, and
 * the security counters in /metrics, which move when a login happens and never name anyone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OperationsEndpointsIT {

  @ArquillianResource URL base;

  private String get(String path, int expectedStatus) throws Exception {
    String root = Https.secure(base).replaceFirst("/portcullis/$", "/");
    HttpResponse<String> response =
        Https.client()
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(root + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, response.statusCode(), path + ": " + response.body());
    return response.body();
  }

  private static final Pattern REJECTED_PASSWORDS =
      Pattern.compile(
          "(?m)^portcullis_login_attempts_total\\{[^}]*result=\"rejected\"[^}]*step=\"password\"[^}]*} ([0-9.]+)$");

  private double rejectedPasswords() throws Exception {
    Matcher m = REJECTED_PASSWORDS.matcher(get("metrics?scope=application", 200));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void readinessReportsTheDatabaseAndItsSchema() throws Exception {
    String ready = get("health/ready", 200);
    assertTrue(ready.replace(" ", "").contains("\"name\":\"database\""), ready);
    assertTrue(ready.contains("schemaVersion"), ready);
    assertTrue(ready.replace(" ", "").contains("\"status\":\"UP\""), ready);
    get("health/live", 200);
  }

  @Test
  void aWrongPasswordIsCountedInMetricsWithoutNamingAnyone() throws Exception {
    double before = rejectedPasswords();
    String email = Customer.newEmail("metrics");
    try (Browser browser = new Browser(base)) {
      LoginPage.open(browser).signIn(email, "not the password at all");
      assertTrue(browser.pageText().contains("don't match"), browser.pageText());
    }
    assertEquals(before + 1, rejectedPasswords(), "one more rejected password");
    String metrics = get("metrics?scope=application", 200);
    assertTrue(metrics.contains("portcullis_code_verification_seconds"), "code checks are timed");
    assertFalse(metrics.contains(email) || metrics.contains("metrics+"), "no email in the metrics");
  }
}
