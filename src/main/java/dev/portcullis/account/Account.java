package dev.portcullis.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A customer of the client area. The email is stored normalized (trimmed, lower case). */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.FIND_BY_EMAIL, query = "SELECT a FROM Account a WHERE a.email = :email")
public class Account {

  public static final String FIND_BY_EMAIL = "Account.findByEmail";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "email", nullable = false, length = 254)
  private String email;

  @Column(name = "display_name", nullable = false, length = 100)
  private String displayName;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sessions_valid_from")
  private Instant sessionsValidFrom;

  @Column(name = "second_factor_due_at")
  private Instant secondFactorDueAt;

  @Column(name = "email_verified_at")
  private Instant emailVerifiedAt;

  @Column(name = "sign_in_blocked_at")
  private Instant signInBlockedAt;

  @Column(name = "new_browser_notices", nullable = false)
  private boolean newBrowserNotices = true;

  /** For JPA only. */
  protected Account() {}

  Account(EmailAddress email, String displayName, String passwordHash, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.email = Objects.requireNonNull(email).value();
    this.displayName = Objects.requireNonNull(displayName);
    this.passwordHash = Objects.requireNonNull(passwordHash);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public String id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Whether the account's address was confirmed by a mailed link (or predates confirmation). */
  public boolean emailVerified() {
    return emailVerifiedAt != null;
  }

  /** When its owner said "This wasn't me", if sign-in is blocked until a password reset. */
  public java.util.Optional<Instant> signInBlockedAt() {
    return java.util.Optional.ofNullable(signInBlockedAt);
  }

  /** Whether a sign-in from a browser the account has not used before is mailed. */
  public boolean newBrowserNotices() {
    return newBrowserNotices;
  }

  void newBrowserNotices(boolean wanted) {
    this.newBrowserNotices = wanted;
  }

  /** The account's address is {@code address} from now on, confirmed at {@code now}. */
  void confirmEmail(EmailAddress address, Instant now) {
    this.email = address.value();
    this.emailVerifiedAt = Objects.requireNonNull(now);
  }

  void blockSignIn(Instant now) {
    this.signInBlockedAt = Objects.requireNonNull(now);
  }

  void unblockSignIn() {
    this.signInBlockedAt = null;
  }

  /** From {@code now} on, no login of the account completed before it is honoured. */
  void endLoginsBefore(Instant now) {
    this.sessionsValidFrom = Objects.requireNonNull(now);
  }

  /** The account's password is now the one {@code hash} was made from. */
  void changePasswordHash(String hash) {
    this.passwordHash = Objects.requireNonNull(hash);
  }

  /** The account must have a second factor from {@code due} on (the 2FA policy's deadline). */
  void requireSecondFactorBy(Instant due) {
    this.secondFactorDueAt = Objects.requireNonNull(due);
  }

  @Override
  public String toString() {
    return "Account[" + id + "]";
  }
}
