package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-container tests really run inside the server. A JUnit setting inside the server once made
 * every in-container test report "passed" without running a line of it; this class fails then: its
 * first test leaves a mark in the server's JVM that only running there can leave, its second asks
 * the server for it over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class InContainerCanaryIT {

  static final String MARK = "dev.portcullis.it.in-container-ran";

  @Inject Clock clock;

  @ArquillianResource URL base;

  @Test
  @Order(1)
  void runsInsideTheServer() {
    assertNotNull(clock, "injected: this runs inside the server");
    System.setProperty(MARK, "yes");
  }

  @Test
  @Order(2)
  @RunAsClient
  void theServerSawTheTestRun() throws Exception {
    String answer =
        Https.client()
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(Https.secure(base) + "test-clock?ran")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertEquals("yes", answer.trim(), "the in-container test left its mark in the server");
  }
}
