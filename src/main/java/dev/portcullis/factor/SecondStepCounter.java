package dev.portcullis.factor;

import dev.portcullis.platform.FirstRow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The state of the second-step limiter, in the database so that every node sees it: consecutive
 * attempts, the last attempt's time and the lock, one {@link SecondStepState} row per account
 * (table {@code second_step_state}, made at the account's first attempt) changed only by the
 * conditional UPDATEs here, so parallel requests on any node are all counted. What the numbers mean
 * is {@link SecondStepPolicy}'s.
 */
@ApplicationScoped
public class SecondStepCounter {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Inject SecondStepCounter self;

  /**
   * Claims one attempt before its code is looked at: a lock that is over is released, the attempt
   * is counted, the attempt that reaches the limit sets the lock, and the policy judges it. The
   * account's first attempt makes its row first.
   *
   * @throws IllegalStateException when there is no such account
   */
  public SecondStepPolicy.Attempt claim(String accountId, SecondStepPolicy policy, Instant now) {
    Optional<SecondStepPolicy.Attempt> attempt = self.claimCounted(accountId, policy, now);
    if (attempt.isPresent()) {
      return attempt.get();
    }
    self.ensureRow(accountId);
    return self.claimCounted(accountId, policy, now)
        .orElseThrow(() -> new IllegalStateException("No account " + accountId));
  }

  /**
   * {@link #claim} on the account's row, in a transaction of its own; empty when the row is not
   * there yet. Not for callers outside this class.
   */
  @Transactional
  public Optional<SecondStepPolicy.Attempt> claimCounted(
      String accountId, SecondStepPolicy policy, Instant now) {
    em.createQuery(
            "UPDATE SecondStepState s SET s.failures = 0, s.lockedUntil = NULL"
                + " WHERE s.accountId = :id AND s.lockedUntil IS NOT NULL AND s.lockedUntil <= :now")
        .setParameter("id", accountId)
        .setParameter("now", now)
        .executeUpdate();
    List<Instant> previous =
        em.createQuery(
                "SELECT s.lastAttemptAt FROM SecondStepState s WHERE s.accountId = :id",
                Instant.class)
            .setParameter("id", accountId)
            .getResultList();
    int counted =
        em.createQuery(
                "UPDATE SecondStepState s SET s.failures = s.failures + 1, s.lastAttemptAt = :now"
                    + " WHERE s.accountId = :id")
            .setParameter("id", accountId)
            .setParameter("now", now)
            .executeUpdate();
    if (counted == 0) {
      return Optional.empty();
    }
    int number = failuresOf(accountId);
    boolean lockedNow =
        policy.locks(number)
            && em.createQuery(
                        "UPDATE SecondStepState s SET s.lockedUntil = :until"
                            + " WHERE s.accountId = :id AND s.lockedUntil IS NULL")
                    .setParameter("until", policy.lockUntil(now))
                    .setParameter("id", accountId)
                    .executeUpdate()
                == 1;
    return Optional.of(
        policy.judge(number, previous.isEmpty() ? null : previous.get(0), now, lockedNow));
  }

  /**
   * Makes the account's row (no attempt yet) unless it exists ({@link FirstRow}). Not for callers
   * outside this class.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensureRow(String accountId) {
    FirstRow.insertUnlessThere(
        dataSource,
        "count a second-step attempt",
        "INSERT INTO second_step_state (account_id, failures) SELECT id, 0 FROM account WHERE id = ?",
        accountId);
  }

  /**
   * Gives back an attempt whose code could not be checked (the validation service was unavailable,
   * the input was not a code after all, or the check failed): it was no guess.
   */
  @Transactional
  public void giveBack(String accountId, SecondStepPolicy policy) {
    em.createQuery(
            "UPDATE SecondStepState s SET s.failures = s.failures - 1"
                + " WHERE s.accountId = :id AND s.failures > 0")
        .setParameter("id", accountId)
        .executeUpdate();
    em.createQuery(
            "UPDATE SecondStepState s SET s.lockedUntil = NULL"
                + " WHERE s.accountId = :id AND s.failures < :lockAfter")
        .setParameter("id", accountId)
        .setParameter("lockAfter", policy.lockAfter())
        .executeUpdate();
  }

  /**
   * Forgets the consecutive failures and any lock: after a correct code, or an administrator's
   * unlock.
   */
  @Transactional
  public void reset(String accountId) {
    em.createQuery(
            "UPDATE SecondStepState s SET s.failures = 0, s.lockedUntil = NULL"
                + " WHERE s.accountId = :id AND (s.failures <> 0 OR s.lockedUntil IS NOT NULL)")
        .setParameter("id", accountId)
        .executeUpdate();
  }

  /** Consecutive attempts counted for the account and not yet forgiven (0 before its first). */
  public int failuresOf(String accountId) {
    return em.createQuery(
            "SELECT s.failures FROM SecondStepState s WHERE s.accountId = :id", Integer.class)
        .setParameter("id", accountId)
        .getResultStream()
        .findFirst()
        .orElse(0);
  }

  /** Until when the account's second step is locked, if it is or was (the lock may be over). */
  public Optional<Instant> lockedUntil(String accountId) {
    return em.createQuery(
            "SELECT s.lockedUntil FROM SecondStepState s WHERE s.accountId = :id", Instant.class)
        .setParameter("id", accountId)
        .getResultStream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }
}
