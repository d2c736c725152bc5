package dev.portcullis.factor;

import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Objects;

/**
 * What every second factor bound to an account shares, whatever its method: its id, the account it
 * belongs to, when it was created and last used (columns of the same names in every factor's
 * table), the binding of its sealed secrets to that owner, and deleting all of an account's factors
 * of one kind. A method's entity ({@code TotpFactor}, {@code YubiKeyFactor}, …) extends it with its
 * own secret and replay state.
 */
@MappedSuperclass
public abstract class SecondFactor {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "account_id", nullable = false, length = 36)
  private String accountId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  /** For JPA only. */
  protected SecondFactor() {}

  protected SecondFactor(String id, String accountId, Instant createdAt) {
    this.id = Objects.requireNonNull(id);
    this.accountId = Objects.requireNonNull(accountId);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  /**
   * The associated data a factor's secret is sealed with, {@code method:account:factor}: a sealed
   * secret copied to another factor or account does not open.
   */
  protected static String ownerOf(String method, String accountId, String factorId) {
    return method + ":" + accountId + ":" + factorId;
  }

  /**
   * Deletes every factor of {@code type} that belongs to the account, pending or active; returns
   * how many. Must run in a transaction.
   */
  public static int removeAll(
      EntityManager em, Class<? extends SecondFactor> type, String accountId) {
    String entity = em.getMetamodel().entity(type).getName();
    return em.createQuery("DELETE FROM " + entity + " f WHERE f.accountId = :accountId")
        .setParameter("accountId", accountId)
        .executeUpdate();
  }

  /**
   * Deletes the account's factor {@code factorId} of {@code type}, only if it belongs to that
   * account; returns whether it did. Must run in a transaction.
   */
  public static boolean removeOne(
      EntityManager em, Class<? extends SecondFactor> type, String accountId, String factorId) {
    String entity = em.getMetamodel().entity(type).getName();
    return em.createQuery(
                "DELETE FROM " + entity + " f WHERE f.id = :id AND f.accountId = :accountId")
            .setParameter("id", factorId)
            .setParameter("accountId", accountId)
            .executeUpdate()
        == 1;
  }

  /** Whether the factor counts as a second factor (proven by its owner, not pending). */
  public abstract boolean active();

  /** What Security Settings and the admin console show of it; never a secret. */
  public abstract FactorSummary summary();

  /** When it became usable; by default when it was created. */
  public Instant addedAt() {
    return createdAt;
  }

  /** Records a use outside the conditional UPDATE of a code (e.g. at registration). */
  protected void usedAt(Instant at) {
    this.lastUsedAt = at;
  }

  public boolean belongsTo(String accountId) {
    return this.accountId.equals(accountId);
  }

  public String id() {
    return id;
  }

  public String accountId() {
    return accountId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }
}
