package dev.portcullis.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The user handle an account shows to authenticators: 64 random bytes, base64url, made when the
 * account registers its first security key or passkey. Never the email or the account id, so an
 * authenticator (or whoever reads it) learns nothing about the account.
 */
@Entity
@Table(name = "webauthn_user")
@NamedQuery(
    name = WebAuthnUser.BY_HANDLE,
    query = "SELECT u FROM WebAuthnUser u WHERE u.userHandle = :userHandle")
public class WebAuthnUser {

  static final String BY_HANDLE = "WebAuthnUser.byHandle";

  @Id
  @Column(name = "account_id", length = 36)
  private String accountId;

  @Column(name = "user_handle", nullable = false, length = 100)
  private String userHandle;

  /** For JPA only. */
  protected WebAuthnUser() {}

  WebAuthnUser(String accountId, String userHandle) {
    this.accountId = accountId;
    this.userHandle = userHandle;
  }

  public String accountId() {
    return accountId;
  }

  /** Base64url. */
  public String userHandle() {
    return userHandle;
  }
}
