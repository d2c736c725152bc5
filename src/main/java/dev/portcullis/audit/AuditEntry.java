package dev.portcullis.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored {@link SecurityEvent}: what, when (UTC), from which address and browser (the user
 * agent as sent, clipped; pages name the browser with {@code dev.portcullis.web.BrowserNames}).
 */
@Entity
@Table(name = "security_event")
@NamedQuery(
    name = AuditEntry.RECENT,
    query =
        "SELECT e FROM AuditEntry e WHERE e.accountId = :accountId ORDER BY e.occurredAt DESC, e.id")
public class AuditEntry {

  static final String RECENT = "AuditEntry.recent";
  static final int MAX_USER_AGENT = 255;

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_type", nullable = false, length = 40)
  private SecurityEvent.Type type;

  @Column(name = "detail", nullable = false, length = 200)
  private String detail;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "user_agent", length = MAX_USER_AGENT)
  private String userAgent;

  /** For JPA only. */
  protected AuditEntry() {}

  AuditEntry(SecurityEvent event, Instant at, String clientAddress, String userAgent) {
    this.id = UUID.randomUUID().toString();
    this.accountId = event.accountId();
    this.type = event.type();
    this.detail = clip(event.detail(), 200);
    this.occurredAt = at;
    this.clientAddress = clip(clientAddress, 64);
    this.userAgent = clip(userAgent, MAX_USER_AGENT);
  }

  private static String clip(String text, int max) {
    if (text == null) {
      return null;
    }
    String printable = text.replaceAll("\\p{Cntrl}", " ");
    return printable.length() <= max ? printable : printable.substring(0, max);
  }

  public SecurityEvent.Type type() {
    return type;
  }

  public String getDescription() {
    return type.description() + (detail.isEmpty() ? "" : ": " + detail);
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String getClientAddress() {
    return clientAddress == null ? "" : clientAddress;
  }

  public String getUserAgent() {
    return userAgent == null ? "" : userAgent;
  }
}
