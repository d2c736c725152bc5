package dev.portcullis.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A browser an account has signed in from: the hash of the account and the browser's cookie token,
 * first and last seen.
 */
@Entity
@Table(name = "known_browser")
public class KnownBrowser {

  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "first_seen_at", nullable = false)
  private Instant firstSeenAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  /** For JPA only. */
  protected KnownBrowser() {}

  KnownBrowser(String id, String accountId, Instant now) {
    this.id = id;
    this.accountId = accountId;
    this.firstSeenAt = now;
    this.lastSeenAt = now;
  }

  void seen(Instant now) {
    this.lastSeenAt = now;
  }

  @Override
  public String toString() {
    return "KnownBrowser[" + accountId + "]";
  }
}
