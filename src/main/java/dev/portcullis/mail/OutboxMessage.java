package dev.portcullis.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message waiting in the outbox, written in the transaction of the change it reports and sent
 * later by {@link OutboxRelay}. A node sends it only after claiming it with a conditional UPDATE,
 * so two nodes never send it both.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMessage {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "recipient", nullable = false, length = 254)
  private String recipient;

  @Column(name = "subject", nullable = false, length = 200)
  private String subject;

  @Column(name = "text_body", nullable = false)
  private String textBody;

  @Column(name = "html_body", nullable = false)
  private String htmlBody;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "failures", nullable = false)
  private int failures;

  @Column(name = "claimed_by", length = 36)
  private String claimedBy;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "sent_at")
  private Instant sentAt;

  /** For JPA only. */
  protected OutboxMessage() {}

  OutboxMessage(Mail mail, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.recipient = mail.to();
    this.subject = mail.subject();
    this.textBody = mail.text();
    this.htmlBody = mail.html();
    this.createdAt = Objects.requireNonNull(now);
    this.nextAttemptAt = now;
  }

  public String id() {
    return id;
  }

  public Mail mail() {
    return new Mail(recipient, subject, textBody, htmlBody);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public int failures() {
    return failures;
  }

  public Instant sentAt() {
    return sentAt;
  }

  @Override
  public String toString() {
    return "OutboxMessage[" + id + "]";
  }
}
