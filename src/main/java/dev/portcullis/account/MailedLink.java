package dev.portcullis.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use link the portal mailed, as stored: the hash of its token, whose, what for, until.
 */
@Entity
@Table(name = "mailed_link")
public class MailedLink {

  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Enumerated(EnumType.STRING)
  @Column(name = "purpose", nullable = false, length = 20)
  private MailedLinks.Purpose purpose;

  @Column(name = "detail", length = 254)
  private String detail;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  /** For JPA only. */
  protected MailedLink() {}

  MailedLink(
      String tokenHash,
      String accountId,
      MailedLinks.Purpose purpose,
      String detail,
      Instant createdAt) {
    this.tokenHash = tokenHash;
    this.accountId = accountId;
    this.purpose = purpose;
    this.detail = detail;
    this.createdAt = createdAt;
    this.expiresAt = createdAt.plus(purpose.lifetime());
  }

  String accountId() {
    return accountId;
  }

  String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "MailedLink[" + purpose + ", " + accountId + "]";
  }
}
