package dev.portcullis.account;

import jakarta.enterprise.event.Event;
import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

  /**
   * Accounts whose email contains {@code fragment} (case-insensitive, taken literally: {@code %} and
   * {@code _} are no wildcards), in email order, at most {@code max}.
   */
  public List<Account> search(String fragment, int max) {
    String literal =
        fragment.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return em.createQuery(
            "SELECT a FROM Account a WHERE a.email LIKE :pattern ESCAPE '!' ORDER BY a.email", Account.class)
        .setParameter("pattern", "%" + literal + "%")
        .setMaxResults(max)
        .getResultList();
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

  /**
   * One claim on a second-factor guess, taken before the code is looked at.
   *
   * @param number the consecutive attempts counted, this one included
   * @param allowed whether this attempt's code may be checked: false while the second step is locked
   *     ({@code number} past the limit) or when it came too soon after the previous wrong one
   */
  public record CodeAttempt(int number, boolean allowed) {}

  /**
   * Counts a second-factor attempt before its code is checked, atomically in the database, so that
   * parallel requests (on any node) are all counted and cannot get more than {@code lockAfter} guesses:
   * the attempt that reaches the limit locks the second step until {@code now + lockFor}; later ones are
   * counted and refused unchecked. From the third wrong code in a row on, an attempt must also wait twice
   * as long as the one before (1 s, 2 s, 4 s … at most a minute) or is refused unchecked. A lock that has
   * run out starts the count again.
   */
  @Transactional
  public CodeAttempt reserveCodeAttempt(String accountId, int lockAfter, Duration lockFor, Instant now) {
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
    if (number >= lockAfter) {
      em.createQuery(
              "UPDATE Account a SET a.codeLockedUntil = :until WHERE a.id = :id AND a.codeLockedUntil IS NULL")
          .setParameter("until", now.plus(lockFor))
          .setParameter("id", accountId)
          .executeUpdate();
    }
    int wrongBefore = number - 1;
    Instant last = previous.isEmpty() ? null : previous.get(0);
    boolean tooSoon =
        wrongBefore >= 3
            && last != null
            && now.isBefore(last.plusSeconds(Math.min(60, 1L << Math.min(6, wrongBefore - 3))));
    return new CodeAttempt(number, number <= lockAfter && !tooSoon);
  }

  /**
   * Gives back an attempt whose code could not be checked (the validation service was unavailable, or
   * the input was not a code after all): it was no guess.
   */
  @Transactional
  public void releaseCodeAttempt(String accountId, int lockAfter) {
    em.createQuery("UPDATE Account a SET a.codeFailures = a.codeFailures - 1 WHERE a.id = :id AND a.codeFailures > 0")
        .setParameter("id", accountId)
        .executeUpdate();
    em.createQuery(
            "UPDATE Account a SET a.codeLockedUntil = NULL WHERE a.id = :id AND a.codeFailures < :lockAfter")
        .setParameter("id", accountId)
        .setParameter("lockAfter", lockAfter)
        .executeUpdate();
  }

  private int failures(String accountId) {
    return em.createQuery("SELECT a.codeFailures FROM Account a WHERE a.id = :id", Integer.class)
        .setParameter("id", accountId)
        .getSingleResult();
  }

  /**
   * Ends every login of the account completed before {@code now}, on every node: their sessions are
   * refused from their next request on.
   */
  @Transactional
  public void endSessionsBefore(String accountId, Instant now) {
    em.createQuery("UPDATE Account a SET a.sessionsValidFrom = :now WHERE a.id = :id")
        .setParameter("now", now)
        .setParameter("id", accountId)
        .executeUpdate();
  }

  /** Returns whether a login of the account completed at {@code loggedInAt} is still honoured. */
  public boolean loginStillValid(String accountId, Instant loggedInAt) {
    List<Instant> from =
        em.createQuery("SELECT a.sessionsValidFrom FROM Account a WHERE a.id = :id", Instant.class)
            .setParameter("id", accountId)
            .getResultList();
    return !from.isEmpty() && (from.get(0) == null || !loggedInAt.isBefore(from.get(0)));
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

  /** When the account must have a second factor under the 2FA policy, if that was ever decided. */
  public Optional<Instant> secondFactorDueAt(String accountId) {
    return em.createQuery("SELECT a.secondFactorDueAt FROM Account a WHERE a.id = :id", Instant.class)
        .setParameter("id", accountId)
        .getResultStream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /**
   * Sets when the account must have a second factor, unless that was decided before (on any node);
   * returns the deadline that holds.
   */
  @Transactional
  public Instant startSecondFactorDeadline(String accountId, Instant due) {
    em.createQuery(
            "UPDATE Account a SET a.secondFactorDueAt = :due WHERE a.id = :id AND a.secondFactorDueAt IS NULL")
        .setParameter("due", due)
        .setParameter("id", accountId)
        .executeUpdate();
    return secondFactorDueAt(accountId).orElse(due);
  }

  /** The account must have a second factor from {@code due} on (after an administrator's reset). */
  @Transactional
  public void requireSecondFactorBy(String accountId, Instant due) {
    em.createQuery("UPDATE Account a SET a.secondFactorDueAt = :due WHERE a.id = :id")
        .setParameter("due", due)
        .setParameter("id", accountId)
        .executeUpdate();
  }
}
