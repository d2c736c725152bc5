package dev.portcullis.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox: {@link #enqueue} writes a message in the caller's transaction (so a
 * change and the mail that reports it are stored together or not at all), and {@link OutboxRelay}
 * sends it afterwards. Every change of a row's sending state is a conditional UPDATE that only the
 * node holding the claim can make.
 */
@ApplicationScoped
public class Outbox {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Clock clock;

  /** Stores {@code mail} for sending, in the caller's transaction (or one of its own). */
  @Transactional
  public void enqueue(Mail mail) {
    em.persist(new OutboxMessage(mail, clock.instant()));
  }

  /** The ids of up to {@code max} messages due for sending at {@code now} and claimed by no one. */
  public List<String> due(Instant now, int max) {
    return em.createQuery(
            "SELECT m.id FROM OutboxMessage m WHERE m.sentAt IS NULL AND m.nextAttemptAt <= :now"
                + " AND (m.claimedUntil IS NULL OR m.claimedUntil < :now) ORDER BY m.createdAt",
            String.class)
        .setParameter("now", now)
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * Claims the message for {@code node} until {@code until}; empty when it was sent or another node
   * holds a claim that has not run out. Only the claim's holder sends it.
   */
  @Transactional
  public Optional<Mail> claim(String id, String node, Instant now, Instant until) {
    int claimed =
        em.createQuery(
                "UPDATE OutboxMessage m SET m.claimedBy = :node, m.claimedUntil = :until"
                    + " WHERE m.id = :id AND m.sentAt IS NULL"
                    + " AND (m.claimedUntil IS NULL OR m.claimedUntil < :now)")
            .setParameter("node", node)
            .setParameter("until", until)
            .setParameter("id", id)
            .setParameter("now", now)
            .executeUpdate();
    if (claimed == 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(OutboxMessage.class, id)).map(OutboxMessage::mail);
  }

  /**
   * Records that {@code node} sent the message it claimed, and forgets its bodies: a link's token
   * lives in the database only as long as the message waits (recipient, subject and times stay, for
   * operators).
   */
  @Transactional
  public void sent(String id, String node, Instant now) {
    em.createQuery(
            "UPDATE OutboxMessage m SET m.sentAt = :now, m.claimedUntil = NULL, m.textBody = '',"
                + " m.htmlBody = '' WHERE m.id = :id AND m.claimedBy = :node AND m.sentAt IS NULL")
        .setParameter("now", now)
        .setParameter("id", id)
        .setParameter("node", node)
        .executeUpdate();
  }

  /**
   * Records a failed attempt of {@code node} and gives the message back, due at {@code retryAt}.
   */
  @Transactional
  public void failed(String id, String node, Instant retryAt) {
    em.createQuery(
            "UPDATE OutboxMessage m SET m.failures = m.failures + 1, m.nextAttemptAt = :retry,"
                + " m.claimedUntil = NULL WHERE m.id = :id AND m.claimedBy = :node AND m.sentAt IS NULL")
        .setParameter("retry", retryAt)
        .setParameter("id", id)
        .setParameter("node", node)
        .executeUpdate();
  }

  /** How many failures the message has had in a row (0 when it never failed or is unknown). */
  public int failuresOf(String id) {
    return em.createQuery("SELECT m.failures FROM OutboxMessage m WHERE m.id = :id", Integer.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst()
        .orElse(0);
  }

  /**
   * Deletes the messages sent before {@code before} (their bodies were cleared when they were
   * sent); returns how many. Messages not sent yet are never deleted.
   */
  @Transactional
  public int forgetSentBefore(Instant before) {
    return em.createQuery(
            "DELETE FROM OutboxMessage m WHERE m.sentAt IS NOT NULL AND m.sentAt < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  /** How many messages wait to be sent. */
  public long waiting() {
    return em.createQuery("SELECT COUNT(m) FROM OutboxMessage m WHERE m.sentAt IS NULL", Long.class)
        .getSingleResult();
  }
}
