package dev.portcullis.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A "Forgot your password?" link, as stored: the hash of its token, whose it is, until when. */
@Entity
@Table(name = "password_reset")
public class ResetToken {

  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  /** For JPA only. */
  protected ResetToken() {}

  ResetToken(String tokenHash, String accountId, Instant createdAt, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.accountId = accountId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  @Override
  public String toString() {
    return "ResetToken[" + accountId + "]";
  }
}
