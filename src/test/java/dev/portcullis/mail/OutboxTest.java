package dev.portcullis.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.portcullis.platform.JpaOnH2;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.persistence.EntityManager;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and its relay without a server: the application's persistence unit on H2, a real SMTP
 * server (GreenMail) on 127.0.0.1, time moved by the test. An outage delays mail and loses none,
 * and two relays on one database (two nodes) never send a message twice.
 */
class OutboxTest {

  private static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30));
  private static final InternetAddress FROM = address("Portcullis <no-reply@portcullis.test>");

  private static JpaOnH2 jpa;

  private final MovedClock clock = new MovedClock(Instant.parse("2026-12-02T10:00:00Z"));
  private int port;
  private GreenMail smtp;

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("outbox");
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  @BeforeEach
  void anSmtpServer() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    smtp = startSmtp();
    inTransaction(em -> em.createQuery("DELETE FROM OutboxMessage").executeUpdate());
  }

  @AfterEach
  void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  private GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Test
  void aMessageArrivesAsPlainTextAndHtmlWithItsOwnMessageId() throws Exception {
    Outbox outbox = outbox();
    outbox.enqueue(new Mail("ann@example.com", "Security notice: ✓", "plain ✓", "<p>html ✓</p>"));
    assertEquals(1, relay(outbox, "node-a").once());
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(1, received.length);
    MimeMessage m = received[0];
    assertEquals("Security notice: ✓", m.getSubject());
    assertEquals("ann@example.com", m.getAllRecipients()[0].toString());
    assertEquals("no-reply@portcullis.test", ((InternetAddress) m.getFrom()[0]).getAddress());
    assertTrue(m.getMessageID().endsWith("@portcullis>"), m.getMessageID());
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertTrue(parts.getContentType().startsWith("multipart/alternative"));
    assertEquals("plain ✓", parts.getBodyPart(0).getContent().toString().strip());
    assertEquals("<p>html ✓</p>", parts.getBodyPart(1).getContent().toString().strip());
    assertEquals(0, outbox.waiting());
    assertEquals(0, relay(outbox, "node-a").once(), "a sent message is not sent again");
    List<Object[]> kept =
        inTransaction(
            em ->
                em.createQuery(
                        "SELECT m.textBody, m.htmlBody, m.sentAt FROM OutboxMessage m",
                        Object[].class)
                    .getResultList());
    assertEquals(1, kept.size());
    assertEquals("", kept.get(0)[0], "a sent message's body (and any link in it) is forgotten");
    assertEquals("", kept.get(0)[1]);
    assertNotNull(kept.get(0)[2]);
  }

  @Test
  void anOutageDelaysMailLosesNoneAndIsLoggedOnceAtWarning() throws Exception {
    Outbox outbox = outbox();
    Relay relay = relay(outbox, "node-a");
    for (int i = 0; i < 3; i++) {
      outbox.enqueue(new Mail("m" + i + "@example.com", "before " + i, "t", "<p>t</p>"));
    }
    assertEquals(3, relay.once());
    smtp.stop(); // the SMTP server goes away mid-run
    smtp = null;
    for (int i = 0; i < 4; i++) {
      outbox.enqueue(new Mail("o" + i + "@example.com", "during " + i, "t", "<p>t</p>"));
    }
    List<LogRecord> logged = new ArrayList<>();
    Handler handler = capture(logged);
    try {
      assertEquals(0, relay.once());
      clock.advance(Duration.ofSeconds(10));
      assertEquals(0, relay.once(), "not tried again before the retry is due");
      clock.advance(Duration.ofSeconds(25));
      assertEquals(0, relay.once(), "still down");
      assertEquals(4, outbox.waiting(), "nothing is lost");
      smtp = startSmtp(); // it comes back
      assertEquals(0, relay.once(), "this node waits for the retry before it connects again");
      clock.advance(Duration.ofMinutes(31)); // past the longest wait
      assertEquals(4, relay.once());
    } finally {
      Logger.getLogger(Relay.class.getName()).removeHandler(handler);
    }
    assertEquals(4, smtp.getReceivedMessages().length);
    assertEquals(0, outbox.waiting());
    List<String> warnings =
        logged.stream()
            .filter(r -> r.getLevel() == Level.WARNING)
            .map(LogRecord::getMessage)
            .toList();
    assertEquals(
        1, warnings.size(), "one warning for the outage, not one per message: " + warnings);
    assertTrue(
        logged.stream().anyMatch(r -> r.getLevel() == Level.INFO),
        "and a line when mail flows again");
  }

  @Test
  void twoNodesSendingAtOnceSendEachMessageExactlyOnce() throws Exception {
    Outbox outbox = outbox();
    int count = 120;
    for (int i = 0; i < count; i++) {
      outbox.enqueue(new Mail("n" + i + "@example.com", "message " + i, "t", "<p>t</p>"));
    }
    Relay a = relay(outbox(), "node-a"); // each node its own outbox on the one database
    Relay b = relay(outbox(), "node-b");
    var pool = Executors.newFixedThreadPool(2);
    try {
      int sent = 0;
      while (outbox.waiting() > 0) {
        var x = CompletableFuture.supplyAsync(a::once, pool);
        var y = CompletableFuture.supplyAsync(b::once, pool);
        sent += x.get() + y.get();
      }
      assertEquals(count, sent);
    } finally {
      pool.shutdown();
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(count, received.length, "none twice, none lost");
    Set<String> subjects = new HashSet<>();
    for (MimeMessage m : received) {
      subjects.add(m.getSubject());
    }
    assertEquals(count, subjects.size());
  }

  @Test
  void aClaimOfAnotherNodeHoldsUntilItRunsOut() {
    Outbox outbox = outbox();
    outbox.enqueue(new Mail("c@example.com", "claimed", "t", "<p>t</p>"));
    String id = outbox.due(clock.instant(), 10).get(0);
    Instant now = clock.instant();
    assertTrue(outbox.claim(id, "node-a", now, now.plus(Relay.CLAIM)).isPresent());
    assertEquals(Optional.empty(), outbox.claim(id, "node-b", now, now.plus(Relay.CLAIM)));
    outbox.sent(id, "node-b", now); // only the holder can say it was sent
    assertEquals(1, outbox.waiting());
    Instant later = now.plus(Relay.CLAIM).plusSeconds(1); // node A died holding it
    assertTrue(outbox.claim(id, "node-b", later, later.plus(Relay.CLAIM)).isPresent());
    outbox.sent(id, "node-b", later);
    assertEquals(0, outbox.waiting());
  }

  @Test
  void sentMessagesAreForgottenOnceOldEnoughAndUnsentOnesNever() {
    Outbox outbox = outbox();
    outbox.enqueue(new Mail("old@example.com", "sent long ago", "t", "<p>t</p>"));
    Instant then = clock.instant();
    String sent = outbox.due(then, 10).get(0);
    outbox.claim(sent, "node-a", then, then.plus(Relay.CLAIM));
    outbox.sent(sent, "node-a", then);
    outbox.enqueue(new Mail("waiting@example.com", "not sent yet", "t", "<p>t</p>"));
    assertEquals(0, outbox.forgetSentBefore(then), "sent at that instant: not before it");
    assertEquals(1, outbox.forgetSentBefore(then.plusMillis(1)));
    assertEquals(0, outbox.forgetSentBefore(then.plus(Duration.ofDays(365))), "gone once");
    assertEquals(1, outbox.waiting(), "a message not sent yet is never forgotten");
  }

  @Test
  void withoutAnSmtpServerEachMessageIsAnEmlFileInTheFolder(@TempDir Path folder) throws Exception {
    Outbox outbox = outbox();
    outbox.enqueue(
        new Mail("dev@example.com", "Security notice: Password changed", "t", "<p>t</p>"));
    Relay relay =
        new Relay(outbox, new EmlFolder(folder.resolve("mail"), FROM, clock), RETRY, clock, "n");
    assertEquals(1, relay.once());
    List<Path> files;
    try (var listing = Files.list(folder.resolve("mail"))) {
      files = listing.toList();
    }
    assertEquals(1, files.size());
    assertTrue(files.get(0).toString().endsWith(".eml"));
    String eml = Files.readString(files.get(0));
    assertTrue(eml.contains("Subject: Security notice: Password changed"), eml);
    assertTrue(eml.contains("To: dev@example.com"), eml);
  }

  @Test
  void theRetryWaitDoublesUpToItsLongest() {
    Instant t = Instant.parse("2026-12-02T10:00:00Z");
    assertEquals(t.plusSeconds(30), RETRY.nextAttempt(1, t));
    assertEquals(t.plusSeconds(60), RETRY.nextAttempt(2, t));
    assertEquals(t.plusSeconds(120), RETRY.nextAttempt(3, t));
    assertEquals(t.plus(Duration.ofMinutes(30)), RETRY.nextAttempt(7, t));
    assertEquals(t.plus(Duration.ofMinutes(30)), RETRY.nextAttempt(Integer.MAX_VALUE, t));
  }

  private Relay relay(Outbox outbox, String node) {
    SmtpTransport transport =
        new SmtpTransport(
            "127.0.0.1",
            port,
            SmtpTransport.Security.NONE,
            Optional.empty(),
            Optional.empty(),
            FROM,
            clock);
    return new Relay(outbox, transport, RETRY, clock, node);
  }

  /** The outbox with each call in a transaction of its own, as the container runs it. */
  private Outbox outbox() {
    Outbox outbox =
        new Outbox() {
          @Override
          public void enqueue(Mail mail) {
            inTransaction(em -> run(() -> super.enqueue(mail), em));
          }

          @Override
          public List<String> due(Instant now, int max) {
            return inTransaction(em -> run(() -> super.due(now, max), em));
          }

          @Override
          public Optional<Mail> claim(String id, String node, Instant now, Instant until) {
            return inTransaction(em -> run(() -> super.claim(id, node, now, until), em));
          }

          @Override
          public void sent(String id, String node, Instant now) {
            inTransaction(em -> run(() -> super.sent(id, node, now), em));
          }

          @Override
          public void failed(String id, String node, Instant retryAt) {
            inTransaction(em -> run(() -> super.failed(id, node, retryAt), em));
          }

          @Override
          public int failuresOf(String id) {
            return inTransaction(em -> run(() -> super.failuresOf(id), em));
          }

          @Override
          public int forgetSentBefore(Instant before) {
            return inTransaction(em -> run(() -> super.forgetSentBefore(before), em));
          }

          @Override
          public long waiting() {
            return inTransaction(em -> run(super::waiting, em));
          }

          private <T> T run(Supplier<T> call, EntityManager em) {
            this.em = em;
            return call.get();
          }

          private Object run(Runnable call, EntityManager em) {
            this.em = em;
            call.run();
            return null;
          }
        };
    outbox.clock = clock;
    return outbox;
  }

  private static <T> T inTransaction(java.util.function.Function<EntityManager, T> call) {
    return jpa.inTransaction(call);
  }

  private static Handler capture(List<LogRecord> into) {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            into.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger(Relay.class.getName()).addHandler(handler);
    return handler;
  }

  private static InternetAddress address(String text) {
    try {
      return new InternetAddress(text, true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves. */
  private static final class MovedClock extends Clock {
    private volatile Instant now;

    MovedClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
