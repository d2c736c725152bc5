package dev.portcullis.webauthn;

import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A security key or passkey bound to an account: its credential id, public key (COSE) and signature
 * counter as the authenticator registered them. None of it is secret (the private key never leaves
 * the authenticator); what binds it is the account and the user handle. {@code signatureCount} only
 * moves forward, through {@link #ACCEPT_COUNTER}; a counter that goes backwards marks the
 * credential possibly cloned ({@code clonedAt}) and it is refused from then on.
 */
@Entity
@Table(name = "webauthn_factor")
@NamedQuery(
    name = WebAuthnFactor.OF_ACCOUNT,
    query = "SELECT f FROM WebAuthnFactor f WHERE f.accountId = :accountId ORDER BY f.createdAt")
@NamedQuery(
    name = WebAuthnFactor.BY_CREDENTIAL,
    query = "SELECT f FROM WebAuthnFactor f WHERE f.credentialHash = :hash")
@NamedQuery(
    name = WebAuthnFactor.ACCEPT_COUNTER,
    query =
        "UPDATE WebAuthnFactor f SET f.signatureCount = :counter, f.lastUsedAt = :now"
            + " WHERE f.id = :id AND f.clonedAt IS NULL"
            + " AND (f.signatureCount < :counter OR (f.signatureCount = 0 AND :counter = 0))")
@NamedQuery(
    name = WebAuthnFactor.MARK_CLONED,
    query = "UPDATE WebAuthnFactor f SET f.clonedAt = :now WHERE f.id = :id AND f.clonedAt IS NULL")
public class WebAuthnFactor extends SecondFactor {

  static final String OF_ACCOUNT = "WebAuthnFactor.ofAccount";
  static final String BY_CREDENTIAL = "WebAuthnFactor.byCredential";
  static final String ACCEPT_COUNTER = "WebAuthnFactor.acceptCounter";
  static final String MARK_CLONED = "WebAuthnFactor.markCloned";

  public static final int MAX_NAME_LENGTH = 40;

  @Column(name = "credential_hash", nullable = false, length = 64)
  private String credentialHash;

  @Column(name = "credential_id", nullable = false, length = 1400)
  private String credentialId;

  @Column(name = "name", nullable = false, length = MAX_NAME_LENGTH)
  private String name;

  @Column(name = "public_key_cose", nullable = false, length = 1400)
  private String publicKeyCose;

  @Column(name = "signature_count", nullable = false)
  private long signatureCount;

  @Column(name = "discoverable", nullable = false)
  private boolean discoverable;

  @Column(name = "backup_eligible", nullable = false)
  private boolean backupEligible;

  @Column(name = "backed_up", nullable = false)
  private boolean backedUp;

  @Column(name = "cloned_at")
  private Instant clonedAt;

  /** For JPA only. */
  protected WebAuthnFactor() {}

  WebAuthnFactor(
      String id,
      String accountId,
      String credentialId,
      String credentialHash,
      String name,
      String publicKeyCose,
      long signatureCount,
      boolean discoverable,
      boolean backupEligible,
      boolean backedUp,
      Instant at) {
    super(id, accountId, at);
    this.credentialId = credentialId;
    this.credentialHash = credentialHash;
    this.name = name;
    this.publicKeyCose = publicKeyCose;
    this.signatureCount = signatureCount;
    this.discoverable = discoverable;
    this.backupEligible = backupEligible;
    this.backedUp = backedUp;
    usedAt(at);
  }

  @Override
  public boolean active() {
    return true;
  }

  /** What kind of authenticator it is, in the user's words. */
  public String kind() {
    if (backupEligible) {
      return backedUp ? "Passkey (synced)" : "Passkey";
    }
    return discoverable ? "Security key (passkey)" : "Security key";
  }

  @Override
  public FactorSummary summary() {
    return new FactorSummary(
        WebAuthnFactors.NAME, id(), name, kind(), addedAt(), lastUsedAt(), true);
  }

  /** Base64url. */
  public String credentialId() {
    return credentialId;
  }

  public String name() {
    return name;
  }

  /** Base64url COSE key. */
  public String publicKeyCose() {
    return publicKeyCose;
  }

  public long signatureCount() {
    return signatureCount;
  }

  /** Whether its counter once went backwards: it may have been copied, and is refused. */
  public boolean possiblyCloned() {
    return clonedAt != null;
  }
}
