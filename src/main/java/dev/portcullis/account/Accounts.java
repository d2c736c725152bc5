package dev.portcullis.account;

import jakarta.enterprise.event.Event;
import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.inject.Inject;

/**
 * Finds accounts and checks their passwords. Lookups return {@link Optional}; a wrong password and an
 * unknown email take the same time and give the same answer.
 */
@ApplicationScoped
public class Accounts {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject PasswordHashing hashing;

  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  public Optional<Account> find(String id) {
    return Optional.ofNullable(em.find(Account.class, id));
  }

  public Optional<Account> findByEmail(String email) {
    return EmailAddress.parse(email)
        .flatMap(
            address ->
                em.createNamedQuery(Account.FIND_BY_EMAIL, Account.class)
                    .setParameter("email", address.value())
                    .getResultStream()
                    .findFirst());
  }

  /** Returns the account whose email and password these are, or empty. */
  public Optional<Account> authenticate(String email, String password) {
    if (password == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
      return Optional.empty();
    }
    Optional<Account> account = findByEmail(email);
    if (account.isEmpty()) {
      hashing.spendTimeOfOneVerification(password);
      return Optional.empty();
    }
    if (hashing.matches(password, account.get().passwordHash())) {
      return account;
    }
    events.fire(SecurityEvent.of(account.get().id(), SecurityEvent.Type.PASSWORD_REJECTED));
    return Optional.empty();
  }

  /** Returns whether {@code password} is the password of the account {@code accountId}. */
  public boolean passwordMatches(String accountId, String password) {
    boolean matches =
        find(accountId)
            .filter(a -> password != null && password.length() <= PasswordPolicy.MAX_LENGTH * 4)
            .map(a -> hashing.matches(password, a.passwordHash()))
            .orElse(false);
    if (!matches) {
      events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.PASSWORD_REJECTED));
    }
    return matches;
  }

  /** Returns whether the second step of this account is locked now. */
  public boolean secondStepLocked(String accountId) {
    // a query, not em.find: the lock may have been set a moment ago by another request or node
    List<Instant> until =
        em.createQuery("SELECT a.codeLockedUntil FROM Account a WHERE a.id = :id", Instant.class)
            .setParameter("id", accountId)
            .getResultList();
    return !until.isEmpty() && until.get(0) != null && until.get(0).isAfter(clock.instant());
  }

  /**
   * Counts one wrong second-factor code, atomically in the database so that every node and every
   * parallel request sees the same count.
   *
   * @return the number of consecutive failures including this one
   */
  @Transactional
  public int recordCodeFailure(String accountId, int lockAfter, Instant lockUntil) {
    em.createQuery("UPDATE Account a SET a.codeFailures = a.codeFailures + 1 WHERE a.id = :id")
        .setParameter("id", accountId)
        .executeUpdate();
    int failures =
        em.createQuery("SELECT a.codeFailures FROM Account a WHERE a.id = :id", Integer.class)
            .setParameter("id", accountId)
            .getSingleResult();
    if (failures >= lockAfter) {
      em.createQuery("UPDATE Account a SET a.codeLockedUntil = :until WHERE a.id = :id")
          .setParameter("until", lockUntil)
          .setParameter("id", accountId)
          .executeUpdate();
    }
    return failures;
  }

  /** Forgets the consecutive failures after a correct code. */
  @Transactional
  public void resetCodeFailures(String accountId) {
    em.createQuery(
            "UPDATE Account a SET a.codeFailures = 0, a.codeLockedUntil = NULL"
                + " WHERE a.id = :id AND (a.codeFailures <> 0 OR a.codeLockedUntil IS NOT NULL)")
        .setParameter("id", accountId)
        .executeUpdate();
  }
}
