package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import dev.portcullis.it.pages.Enrolled;
import dev.portcullis.it.pages.Navigation;
import dev.portcullis.it.pages.SecondStepPage;
import dev.portcullis.it.pages.TotpEnrollmentPage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two nodes behind an imaginary load balancer: the runnable jar the build made, started twice with
 * {@code java -jar} on two ports, both on one PostgreSQL database with sessions kept there. A login
 * may take its steps on different nodes; the same code sent to both at once logs in once; wrong
 * codes counted on one node lock the second step on the other. Runs beside the tests of the managed
 * server (it uses neither its ports nor its database).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RunnableJar.LOCK)
public class TwoNodeIT {

  private static RunnableJar a;
  private static RunnableJar b;

  @BeforeAll
  static void startTwoNodesOnOneDatabase() throws Exception {
    String url = System.getProperty("portcullis.it.nodes.db-url");
    FreshTestDatabase.recreate("postgresql", url.substring(url.lastIndexOf('/') + 1));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> settings =
        Map.of(
            "PORTCULLIS_DB_KIND",
            "postgresql",
            "PORTCULLIS_DB_URL",
            url,
            "PORTCULLIS_DB_USER",
            System.getProperty("portcullis.it.postgresql.admin-user"),
            "PORTCULLIS_SESSIONS",
            "database",
            "PORTCULLIS_SECRET_KEY",
            Base64.getEncoder().encodeToString(key));
    a = RunnableJar.start("node-a", 9181, 9544, settings);
    b = RunnableJar.start("node-b", 9182, 9545, settings);
    a.awaitReady();
    b.awaitReady();
  }

  @AfterAll
  static void stopTheNodes() throws Exception {
    for (RunnableJar node : new RunnableJar[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
  }

  /** A new account with an authenticator app, set up on node A; logged out again. */
  private static Enrolled enrolledOnA(Browser browser, String who) throws Exception {
    String email = Customer.newEmail(who);
    Customer.register(browser, email, "Two Nodes");
    Enrolled enrolled = TotpEnrollmentPage.enable(browser, email, false);
    Navigation.logOut(browser);
    return enrolled;
  }

  /** Opens a TLS 1.2 connection to node A offering only {@code suite}. */
  private static javax.net.ssl.SSLSocket tls12(String suite) throws Exception {
    var socket =
        (javax.net.ssl.SSLSocket)
            Https.trustingContext().getSocketFactory().createSocket("localhost", 9544);
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.2"});
    socket.setEnabledCipherSuites(new String[] {suite});
    return socket;
  }

  @Test
  void theJarOffersOnlyForwardSecretSuitesAndRefusesRenegotiation() throws Exception {
    for (String weak :
        java.util.List.of(
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")) {
      try (var socket = tls12(weak)) {
        var refused =
            org.junit.jupiter.api.Assertions.assertThrows(
                javax.net.ssl.SSLException.class, socket::startHandshake, weak);
        // refused by the server (an alert, or the connection closed), not by this client
        assertTrue(
            refused.getMessage().contains("Received fatal alert")
                || refused.getMessage().contains("Remote host terminated"),
            "the server refused " + weak + ": " + refused);
      }
    }
    try (var socket = tls12("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
      socket.startHandshake();
      assertEquals("TLSv1.2", socket.getSession().getProtocol());
      socket.startHandshake(); // the client asks to renegotiate
      var out = socket.getOutputStream();
      out.write(
          "GET /portcullis/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      var refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.io.IOException.class,
              () -> {
                if (socket.getInputStream().read() < 0) {
                  throw new java.io.EOFException("closed without an answer");
                }
              },
              "a renegotiated connection must not be served");
      assertTrue(
          refused instanceof java.io.EOFException
              || refused.getMessage().contains("alert")
              || refused.getMessage().contains("closed")
              || refused.getMessage().contains("terminated"),
          refused.toString());
    }
    assertFalse(
        a.log().contains("CWWKO0801E"),
        "refused handshakes are not logged as errors:\n" + a.tail());
  }

  @Test
  void thePasswordOnNodeAAndTheCodeOnNodeBCompleteOneLogin() throws Exception {
    try (Browser browser = new Browser(a.url())) {
      Enrolled enrolled = enrolledOnA(browser, "a-then-b");
      Customer.typePassword(browser, enrolled.email());
      assertTrue(browser.url().startsWith(a.base() + "faces/login/verify.xhtml"), browser.url());

      browser.driver().get(b.base() + "faces/login/verify.xhtml");
      assertTrue(
          browser.url().startsWith(b.base() + "faces/login/verify.xhtml"),
          "node B knows the pending login");
      SecondStepPage.typeCode(browser, enrolled.phone().codeAt(enrolled.nextStep()));
      assertTrue(browser.url().startsWith(b.base() + "faces/app/index.xhtml"), browser.url());

      browser.driver().get(b.base() + "faces/app/security.xhtml");
      assertTrue(browser.text("status").contains("on"), "logged in on node B");
      browser.driver().get(a.base() + "faces/app/security.xhtml");
      assertTrue(
          browser.url().startsWith(a.base() + "faces/app/security.xhtml"),
          "and on node A: " + browser.url());
      Navigation.logOut(browser);
      browser.driver().get(b.base() + "faces/app/security.xhtml");
      assertTrue(
          browser.url().contains("login.xhtml"),
          "logged out on A is logged out on B: " + browser.url());
    }
  }

  @Test
  void theSameCodeSentToBothNodesAtOnceLogsInOnce() throws Exception {
    Enrolled enrolled;
    try (Browser setup = new Browser(a.url())) {
      enrolled = enrolledOnA(setup, "parallel");
    }
    try (Browser onA = new Browser(a.url());
        Browser onB = new Browser(b.url())) {
      Customer.typePassword(onA, enrolled.email());
      Customer.typePassword(onB, enrolled.email());
      String code = enrolled.phone().codeAt(enrolled.nextStep());
      onA.type("verify:code", code);
      onB.type("verify:code", code);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<String>> urls = new ArrayList<>();
        for (Browser browser : List.of(onA, onB)) {
          urls.add(
              pool.submit(
                  () -> {
                    go.await();
                    browser.clickAndWait("verify:submit");
                    return browser.url();
                  }));
        }
        go.countDown();
        long loggedIn = 0;
        for (Future<String> url : urls) {
          loggedIn += url.get().contains("faces/app/index.xhtml") ? 1 : 0;
        }
        assertEquals(1, loggedIn, "one code, one login, whichever node was first");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void wrongCodesCountedOnNodeALockTheSecondStepOnNodeB() throws Exception {
    Enrolled enrolled;
    try (Browser onA = new Browser(a.url())) {
      enrolled = enrolledOnA(onA, "lock-a-b");
      String right = enrolled.phone().codeAt(enrolled.nextStep());
      String wrong = right.equals("000000") ? "111111" : "000000";
      for (int round = 0; round < 4; round++) {
        Customer.typePassword(onA, enrolled.email());
        for (int attempt = 0; attempt < 5; attempt++) {
          SecondStepPage.typeCode(onA, wrong);
        }
      }
    }
    try (Browser onB = new Browser(b.url())) {
      Customer.typePassword(onB, enrolled.email());
      SecondStepPage.typeCode(onB, enrolled.phone().codeAt(enrolled.nextStep()));
      assertTrue(onB.url().contains("login/verify.xhtml"), "node B refuses even the right code");
      assertTrue(onB.pageText().contains("That code didn't work"), onB.pageText());
    }
  }
}
