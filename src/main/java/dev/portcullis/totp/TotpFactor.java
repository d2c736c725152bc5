package dev.portcullis.totp;

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
 * An authenticator app bound to an account. It starts pending (secret shown to the user, not yet
 * proven) and becomes active when the user types a code it produced. The secret is stored sealed,
 * with {@link #owner()} as associated data; {@code lastStep} is the last time step whose code was
 * accepted, advanced only by the conditional update in {@link TotpFactors}.
 */
@Entity
@Table(name = "totp_factor")
@NamedQuery(
    name = TotpFactor.FIND_BY_ACCOUNT,
    query = "SELECT f FROM TotpFactor f WHERE f.accountId = :accountId ORDER BY f.createdAt DESC")
@NamedQuery(
    name = TotpFactor.ACCEPT_STEP,
    query =
        "UPDATE TotpFactor f SET f.lastStep = :step, f.driftSteps = :drift, f.lastUsedAt = :now"
            + " WHERE f.id = :id AND f.lastStep < :step")
public class TotpFactor extends SecondFactor {

  static final String FIND_BY_ACCOUNT = "TotpFactor.findByAccount";
  static final String ACCEPT_STEP = "TotpFactor.acceptStep";

  @Column(name = "sealed_secret", nullable = false)
  private String sealedSecret;

  @Enumerated(EnumType.STRING)
  @Column(name = "algorithm", nullable = false, length = 10)
  private Totp.Algorithm algorithm;

  @Column(name = "digits", nullable = false)
  private int digits;

  @Column(name = "period_seconds", nullable = false)
  private int periodSeconds;

  @Column(name = "last_step", nullable = false)
  private long lastStep;

  @Column(name = "drift_steps", nullable = false)
  private int driftSteps;

  @Column(name = "confirmed_at")
  private Instant confirmedAt;

  /** For JPA only. */
  protected TotpFactor() {}

  TotpFactor(String id, String accountId, String sealedSecret, Totp totp, Instant createdAt) {
    super(id, accountId, createdAt);
    this.sealedSecret = Objects.requireNonNull(sealedSecret);
    this.algorithm = totp.algorithm();
    this.digits = totp.digits();
    this.periodSeconds = totp.periodSeconds();
    this.lastStep = -1;
  }

  /**
   * The associated data its secret is sealed with: the factor is bound to its account and itself.
   */
  static String owner(String accountId, String factorId) {
    return ownerOf("totp", accountId, factorId);
  }

  String owner() {
    return owner(accountId(), id());
  }

  /** Replaces the sealed secret by the same secret sealed under another key. */
  void resealed(String sealed) {
    this.sealedSecret = sealed;
  }

  /** Marks the factor proven by the user; from now on it counts as a second factor. */
  void activate(Instant at) {
    if (confirmedAt == null) {
      confirmedAt = at;
    }
  }

  String sealedSecret() {
    return sealedSecret;
  }

  Totp totp() {
    return new Totp(algorithm, digits, periodSeconds);
  }

  @Override
  public boolean active() {
    return confirmedAt != null;
  }

  int driftSteps() {
    return driftSteps;
  }

  public Instant confirmedAt() {
    return confirmedAt;
  }

  /** When its owner proved it (pending factors are never listed). */
  @Override
  public Instant addedAt() {
    return confirmedAt == null ? createdAt() : confirmedAt;
  }

  /** Only one authenticator app per account: it goes when 2FA is turned off. */
  @Override
  public FactorSummary summary() {
    return new FactorSummary(TotpFactors.NAME, id(), "", "", addedAt(), lastUsedAt(), false);
  }

  @Override
  public String toString() {
    return "TotpFactor["
        + id()
        + ", account "
        + accountId()
        + (active() ? ", active" : ", pending")
        + "]";
  }
}
