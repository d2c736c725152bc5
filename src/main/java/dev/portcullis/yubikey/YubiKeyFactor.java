package dev.portcullis.yubikey;

import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A YubiKey bound to an account by its public id. Keys validated {@link Validation#LOCAL locally}
 * carry their AES key and private id, sealed; {@code lastCounter} only moves forward, through the
 * conditional update {@link #ACCEPT_COUNTER}.
 */
@Entity
@Table(name = "yubikey_factor")
@NamedQuery(
    name = YubiKeyFactor.OF_ACCOUNT,
    query = "SELECT k FROM YubiKeyFactor k WHERE k.accountId = :accountId ORDER BY k.createdAt")
@NamedQuery(
    name = YubiKeyFactor.BY_PUBLIC_ID,
    query = "SELECT k FROM YubiKeyFactor k WHERE k.publicId = :publicId")
@NamedQuery(
    name = YubiKeyFactor.ACCEPT_COUNTER,
    query =
        "UPDATE YubiKeyFactor k SET k.lastCounter = :counter, k.lastUsedAt = :now"
            + " WHERE k.id = :id AND k.lastCounter < :counter")
@NamedQuery(
    name = YubiKeyFactor.MARK_USED,
    query = "UPDATE YubiKeyFactor k SET k.lastUsedAt = :now WHERE k.id = :id")
public class YubiKeyFactor extends SecondFactor {

  static final String OF_ACCOUNT = "YubiKeyFactor.ofAccount";
  static final String BY_PUBLIC_ID = "YubiKeyFactor.byPublicId";
  static final String ACCEPT_COUNTER = "YubiKeyFactor.acceptCounter";
  static final String MARK_USED = "YubiKeyFactor.markUsed";

  public static final int MAX_NAME_LENGTH = 40;

  /** Who checks this key's OTPs. */
  public enum Validation {
    /** YubiCloud or the operator's own validation servers (protocol 2.0). */
    CLOUD,
    /** This server, with the key's AES secret. */
    LOCAL
  }

  @Column(name = "public_id", nullable = false, length = 16)
  private String publicId;

  @Column(name = "name", nullable = false, length = MAX_NAME_LENGTH)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "validation", nullable = false, length = 10)
  private Validation validation;

  @Column(name = "sealed_aes_key")
  private String sealedAesKey;

  @Column(name = "sealed_private_id")
  private String sealedPrivateId;

  @Column(name = "last_counter", nullable = false)
  private long lastCounter;

  /** For JPA only. */
  protected YubiKeyFactor() {}

  /** A key checked by validation servers. */
  static YubiKeyFactor cloud(
      String id, String accountId, String publicId, String name, long counter, Instant at) {
    return new YubiKeyFactor(
        id, accountId, publicId, name, Validation.CLOUD, null, null, counter, at);
  }

  /**
   * A key checked here; {@code sealedAesKey} and {@code sealedPrivateId} are sealed for {@link
   * #owner}.
   */
  static YubiKeyFactor local(
      String id,
      String accountId,
      String publicId,
      String name,
      String sealedAesKey,
      String sealedPrivateId,
      long counter,
      Instant at) {
    return new YubiKeyFactor(
        id,
        accountId,
        publicId,
        name,
        Validation.LOCAL,
        Objects.requireNonNull(sealedAesKey),
        Objects.requireNonNull(sealedPrivateId),
        counter,
        at);
  }

  private YubiKeyFactor(
      String id,
      String accountId,
      String publicId,
      String name,
      Validation validation,
      String sealedAesKey,
      String sealedPrivateId,
      long counter,
      Instant createdAt) {
    super(id, accountId, createdAt);
    this.publicId = Objects.requireNonNull(publicId);
    this.name = Objects.requireNonNull(name);
    this.validation = validation;
    this.sealedAesKey = sealedAesKey;
    this.sealedPrivateId = sealedPrivateId;
    this.lastCounter = counter;
    usedAt(createdAt);
  }

  /** Replaces the sealed secrets by the same secrets sealed under another key. */
  void resealed(String aesKey, String privateId) {
    this.sealedAesKey = aesKey;
    this.sealedPrivateId = privateId;
  }

  /** The associated data its secrets are sealed with. */
  static String owner(String accountId, String factorId, String what) {
    return ownerOf("yubikey", accountId, factorId) + ":" + what;
  }

  public String publicId() {
    return publicId;
  }

  public String name() {
    return name;
  }

  public Validation validation() {
    return validation;
  }

  String sealedAesKey() {
    return sealedAesKey;
  }

  String sealedPrivateId() {
    return sealedPrivateId;
  }

  /** A key is active from its registration on, which its first OTP proved. */
  @Override
  public boolean active() {
    return true;
  }

  @Override
  public FactorSummary summary() {
    return new FactorSummary(
        YubiKeyFactors.NAME, id(), name, publicId, addedAt(), lastUsedAt(), true);
  }

  @Override
  public String toString() {
    return "YubiKeyFactor[" + id() + ", " + publicId + ", " + validation + "]";
  }
}
