package dev.portcullis.mail;

import dev.portcullis.platform.DatabaseMigrations;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox in the background, every {@code portcullis.mail.poll-seconds}, on every node:
 * the claims in {@link Outbox} make sure each message is sent by one of them. A failed message is
 * tried again after 30 seconds, then after twice as long each time, at most every 30 minutes. Once
 * an hour each node deletes what was sent more than {@link #KEEP_SENT} ago.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30));

  @Inject Outbox outbox;
  @Inject MailSettings settings;
  @Inject Clock clock;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  /** How long a sent message (recipient, subject, times: its bodies are cleared) stays. */
  static final Duration KEEP_SENT = Duration.ofDays(30);

  private Relay relay;
  private Instant nextForgetting = Instant.MIN;
  private ScheduledFuture<?> rounds;

  void start(
      @Observes @Priority(DatabaseMigrations.AT_STARTUP + 100) @Initialized(ApplicationScoped.class)
          Object context) {
    MailTransport transport = settings.transport();
    relay = new Relay(outbox, transport, RETRY, clock, UUID.randomUUID().toString());
    long every = settings.poll().toMillis();
    LOG.info(
        () ->
            "Mail goes to "
                + transport.describe()
                + ", sent from the outbox every "
                + every / 1000
                + " s");
    rounds = scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      relay.once();
      Instant now = clock.instant();
      if (!now.isBefore(nextForgetting)) {
        outbox.forgetSentBefore(now.minus(KEEP_SENT));
        nextForgetting = now.plus(Duration.ofHours(1));
      }
    } catch (RuntimeException e) {
      // the database is away (it has its own health check); the next round tries again
      LOG.log(Level.FINE, "Outbox round failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (rounds != null) {
      rounds.cancel(false);
    }
  }
}
