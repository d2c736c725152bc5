package dev.portcullis.recovery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One recovery code of an account, stored as an HMAC-SHA256 of the code under a random salt. */
@Entity
@Table(name = "recovery_code")
@NamedQuery(
    name = RecoveryCode.UNUSED_OF_ACCOUNT,
    query = "SELECT r FROM RecoveryCode r WHERE r.accountId = :accountId AND r.usedAt IS NULL")
@NamedQuery(
    name = RecoveryCode.CONSUME,
    query = "UPDATE RecoveryCode r SET r.usedAt = :now WHERE r.id = :id AND r.usedAt IS NULL")
public class RecoveryCode {

  static final String UNUSED_OF_ACCOUNT = "RecoveryCode.unusedOfAccount";
  static final String CONSUME = "RecoveryCode.consume";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "salt", nullable = false, length = 44)
  private String salt;

  @Column(name = "code_hash", nullable = false, length = 44)
  private String codeHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "used_at")
  private Instant usedAt;

  /** For JPA only. */
  protected RecoveryCode() {}

  RecoveryCode(String accountId, String salt, String codeHash, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.accountId = Objects.requireNonNull(accountId);
    this.salt = Objects.requireNonNull(salt);
    this.codeHash = Objects.requireNonNull(codeHash);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  String id() {
    return id;
  }

  String salt() {
    return salt;
  }

  String codeHash() {
    return codeHash;
  }

  @Override
  public String toString() {
    return "RecoveryCode[" + id + ", account " + accountId + (usedAt == null ? "" : ", used") + "]";
  }
}
