package dev.portcullis.factor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The state of the second-step limiter, in the database so that every node sees it: consecutive
 * attempts, the last attempt's time and the lock, kept in the account's row ({@code code_failures},
 * {@code code_last_attempt_at}, {@code code_locked_until}) and changed only by the conditional
 * UPDATEs here, so parallel requests on any node are all counted. What the numbers mean is {@link
 * SecondStepPolicy}'s.
 */
@ApplicationScoped
public class SecondStepCounter {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  /**
   * Claims one attempt before its code is looked at: a lock that is over is released, the attempt
   * is counted, the attempt that reaches the limit sets the lock, and the policy judges it.
   */
  @Transactional
  public SecondStepPolicy.Attempt claim(String accountId, SecondStepPolicy policy, Instant now) {
    em.createQuery(
            "UPDATE Account a SET a.codeFailures = 0, a.codeLockedUntil = NULL"
                + " WHERE a.id = :id AND a.codeLockedUntil IS NOT NULL AND a.codeLockedUntil <= :now")
        .setParameter("id", accountId)
        .setParameter("now", now)
        .executeUpdate();
    List<Instant> previous =
        em.createQuery("SELECT a.codeLastAttemptAt FROM Account a WHERE a.id = :id", Instant.class)
            .setParameter("id", accountId)
            .getResultList();
    em.createQuery(
            "UPDATE Account a SET a.codeFailures = a.codeFailures + 1, a.codeLastAttemptAt = :now"
                + " WHERE a.id = :id")
        .setParameter("id", accountId)
        .setParameter("now", now)
        .executeUpdate();
    int number = failures(accountId);
    boolean lockedNow =
        policy.locks(number)
            && em.createQuery(
                        "UPDATE Account a SET a.codeLockedUntil = :until"
                            + " WHERE a.id = :id AND a.codeLockedUntil IS NULL")
                    .setParameter("until", policy.lockUntil(now))
                    .setParameter("id", accountId)
                    .executeUpdate()
                == 1;
    return policy.judge(number, previous.isEmpty() ? null : previous.get(0), now, lockedNow);
  }

  /**
   * Gives back an attempt whose code could not be checked (the validation service was unavailable,
   * the input was not a code after all, or the check failed): it was no guess.
   */
  @Transactional
  public void giveBack(String accountId, SecondStepPolicy policy) {
    em.createQuery(
            "UPDATE Account a SET a.codeFailures = a.codeFailures - 1 WHERE a.id = :id AND a.codeFailures > 0")
        .setParameter("id", accountId)
        .executeUpdate();
    em.createQuery(
            "UPDATE Account a SET a.codeLockedUntil = NULL WHERE a.id = :id AND a.codeFailures < :lockAfter")
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
            "UPDATE Account a SET a.codeFailures = 0, a.codeLockedUntil = NULL"
                + " WHERE a.id = :id AND (a.codeFailures <> 0 OR a.codeLockedUntil IS NOT NULL)")
        .setParameter("id", accountId)
        .executeUpdate();
  }

  private int failures(String accountId) {
    return em.createQuery("SELECT a.codeFailures FROM Account a WHERE a.id = :id", Integer.class)
        .setParameter("id", accountId)
        .getSingleResult();
  }
}
