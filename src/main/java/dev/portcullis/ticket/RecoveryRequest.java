package dev.portcullis.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An account recovery request ("Submit a ticket"), as stored. Its status only moves forward, by the
 * conditional UPDATEs of {@link RecoveryTickets}; this class is read-only once persisted.
 */
@Entity
@Table(name = "recovery_request")
public class RecoveryRequest {

  /** Where a request is; see V12's comment for the order. */
  public enum Status {
    UNCONFIRMED,
    CONFIRMED,
    APPROVED,
    REJECTED,
    CANCELLED,
    COMPLETED
  }

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 12)
  private Status status;

  @Column(name = "what_happened", nullable = false, length = 1000)
  private String whatHappened;

  @Column(name = "reference", length = 100)
  private String reference;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "confirmed_at")
  private Instant confirmedAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "decided_by", length = 36)
  private String decidedBy;

  @Column(name = "decision_reason", length = 150)
  private String decisionReason;

  @Column(name = "effective_at")
  private Instant effectiveAt;

  @Column(name = "reminded_at")
  private Instant remindedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  /** For JPA only. */
  protected RecoveryRequest() {}

  RecoveryRequest(
      String accountId,
      String whatHappened,
      String reference,
      String clientAddress,
      Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = accountId;
    this.status = Status.UNCONFIRMED;
    this.whatHappened = whatHappened;
    this.reference = reference;
    this.clientAddress = clientAddress;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String accountId() {
    return accountId;
  }

  public Status status() {
    return status;
  }

  public String whatHappened() {
    return whatHappened;
  }

  /** The phone number or ticket reference the customer gave, or "". */
  public String reference() {
    return reference == null ? "" : reference;
  }

  public String clientAddress() {
    return clientAddress == null ? "" : clientAddress;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> confirmedAt() {
    return Optional.ofNullable(confirmedAt);
  }

  public Optional<Instant> decidedAt() {
    return Optional.ofNullable(decidedAt);
  }

  /** The administrator who approved or rejected it. */
  public Optional<String> decidedBy() {
    return Optional.ofNullable(decidedBy);
  }

  public String decisionReason() {
    return decisionReason == null ? "" : decisionReason;
  }

  /** When an approved request removes the factors. */
  public Optional<Instant> effectiveAt() {
    return Optional.ofNullable(effectiveAt);
  }

  public Optional<Instant> remindedAt() {
    return Optional.ofNullable(remindedAt);
  }

  public Optional<Instant> closedAt() {
    return Optional.ofNullable(closedAt);
  }

  @Override
  public String toString() {
    return "RecoveryRequest[" + id + ", " + status + "]";
  }
}
