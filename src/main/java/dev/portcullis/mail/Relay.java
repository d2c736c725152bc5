package dev.portcullis.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One node's sending of the outbox: each round claims the messages that are due, hands each to the
 * transport and records the result. A failed message waits as the {@link RetryPolicy} says, and the
 * failure keeps this node from connecting again until that message's retry is due, so an outage
 * costs one connection attempt per wait, not one per message and round. An outage is logged once at
 * WARNING when it begins and once at INFO when it ends, never per message.
 */
final class Relay {

  private static final Logger LOG = Logger.getLogger(Relay.class.getName());

  /** How long a claim holds: far longer than a send may take (three 20-second timeouts). */
  static final Duration CLAIM = Duration.ofMinutes(5);

  static final int BATCH = 50;

  private final Outbox outbox;
  private final MailTransport transport;
  private final RetryPolicy retry;
  private final Clock clock;
  private final String node;
  private boolean failing;
  private Instant quietUntil = Instant.MIN;

  Relay(Outbox outbox, MailTransport transport, RetryPolicy retry, Clock clock, String node) {
    this.outbox = outbox;
    this.transport = transport;
    this.retry = retry;
    this.clock = clock;
    this.node = node;
  }

  /** Sends what is due; returns how many messages were sent. */
  synchronized int once() {
    if (clock.instant().isBefore(quietUntil)) {
      return 0; // the last try failed: no new connection before its retry is due
    }
    int sent = 0;
    for (String id : outbox.due(clock.instant(), BATCH)) {
      Instant now = clock.instant();
      Optional<Mail> mail = outbox.claim(id, node, now, now.plus(CLAIM));
      if (mail.isEmpty()) {
        continue; // another node has it
      }
      try {
        transport.send(mail.get(), id + "@portcullis");
      } catch (Exception e) {
        quietUntil = retry.nextAttempt(outbox.failuresOf(id) + 1, clock.instant());
        outbox.failed(id, node, quietUntil);
        if (!failing) {
          failing = true;
          LOG.warning(
              () ->
                  "Mail could not be handed to "
                      + transport.describe()
                      + " ("
                      + e.getClass().getSimpleName()
                      + "); it stays in the outbox and is tried again later");
        }
        return sent; // the rest waits for the next round rather than time out one by one
      }
      outbox.sent(id, node, clock.instant());
      sent++;
      if (failing) {
        failing = false;
        LOG.info(() -> "Mail is being sent again through " + transport.describe());
      }
    }
    return sent;
  }
}
