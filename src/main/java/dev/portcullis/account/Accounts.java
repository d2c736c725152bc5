package dev.portcullis.account;

import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds accounts and checks their passwords. Lookups return {@link Optional}; a wrong password and
 * an unknown email take the same time and give the same answer.
 */
@ApplicationScoped
public class Accounts {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject PasswordHashing hashing;
  @Inject Accounts self;

  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;
  @Inject Event<SignInRequirementsRaised> raised;

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
   * Accounts whose email contains {@code fragment} (case-insensitive, taken literally: {@code %}
   * and {@code _} are no wildcards), in email order, at most {@code max}.
   */
  public List<Account> search(String fragment, int max) {
    String literal =
        fragment
            .strip()
            .toLowerCase(Locale.ROOT)
            .replace("!", "!!")
            .replace("%", "!%")
            .replace("_", "!_");
    return em.createQuery(
            "SELECT a FROM Account a WHERE a.email LIKE :pattern ESCAPE '!' ORDER BY a.email",
            Account.class)
        .setParameter("pattern", "%" + literal + "%")
        .setMaxResults(max)
        .getResultList();
  }

  /**
   * Returns the account whose email and password these are, or empty. A right password whose stored
   * hash is outdated (PBKDF2, or weaker than today's Argon2id settings) is hashed anew and stored
   * in its place.
   *
   * @throws PasswordHashing.Busy when too many passwords are being hashed; nothing was checked
   */
  public Optional<Account> authenticate(String email, String password) {
    if (password == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
      return Optional.empty();
    }
    Optional<Account> account = findByEmail(email);
    if (account.isEmpty()) {
      hashing.spendTimeOfOneVerification(password);
      return Optional.empty();
    }
    if (rightPassword(account.get(), password)) {
      return account;
    }
    events.fire(SecurityEvent.of(account.get().id(), SecurityEvent.Type.PASSWORD_REJECTED));
    return Optional.empty();
  }

  /**
   * Returns whether {@code password} is the password of the account {@code accountId}; an outdated
   * hash is replaced as at login.
   *
   * @throws PasswordHashing.Busy when too many passwords are being hashed; nothing was checked
   */
  public boolean passwordMatches(String accountId, String password) {
    boolean matches =
        find(accountId)
            .filter(a -> password != null && password.length() <= PasswordPolicy.MAX_LENGTH * 4)
            .map(a -> rightPassword(a, password))
            .orElse(false);
    if (!matches) {
      events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.PASSWORD_REJECTED));
    }
    return matches;
  }

  private boolean rightPassword(Account account, String password) {
    String stored = account.passwordHash();
    return switch (hashing.verify(password, stored)) {
      case WRONG -> false;
      case RIGHT -> true;
      case RIGHT_BUT_OUTDATED -> {
        try {
          self.replaceHash(account.id(), stored, hashing.hash(password));
        } catch (PasswordHashing.Busy busy) {
          // the password was right; the hash is replaced at a login when the server is less busy
        }
        yield true;
      }
    };
  }

  /**
   * Stores {@code fresh} as the account's password hash if it still has {@code outdated}: a
   * password changed meanwhile (on any node) is never overwritten.
   */
  @Transactional
  public void replaceHash(String accountId, String outdated, String fresh) {
    em.createQuery(
            "UPDATE Account a SET a.passwordHash = :fresh WHERE a.id = :id AND a.passwordHash = :old")
        .setParameter("fresh", fresh)
        .setParameter("id", accountId)
        .setParameter("old", outdated)
        .executeUpdate();
  }

  /**
   * Makes {@code newPassword} the account's password. In one transaction with the change: the event
   * for the activity list (and the security notice it is mailed as), and the end of every other
   * login of the account, on every node. The caller checked the policy and the user's proof.
   *
   * @throws PasswordHashing.Busy when too many passwords are being hashed; nothing was changed
   */
  @Transactional
  public void changePassword(String accountId, String newPassword) {
    setPassword(accountId, newPassword, SecurityEvent.Type.PASSWORD_CHANGED);
  }

  /**
   * {@link #changePassword} for a change the account's owner proved otherwise (a reset link), the
   * event saying how: {@code how} is the event the activity list and the notice show.
   */
  @Transactional
  public void setPassword(String accountId, String newPassword, SecurityEvent.Type how) {
    String hash = hashing.hash(newPassword);
    Account account = find(accountId).orElseThrow();
    account.changePasswordHash(hash);
    if (how == SecurityEvent.Type.PASSWORD_RESET) {
      // a reset proves the mailbox: it lifts a block set by "This wasn't me"
      account.unblockSignIn();
    }
    events.fire(SecurityEvent.of(accountId, how));
    raised.fire(
        new SignInRequirementsRaised(
            accountId, how.description().toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * Blocks sign-in to the account until its password is reset through a mailed link, and ends every
   * login of it, on every node ("This wasn't me").
   */
  @Transactional
  public void blockSignIn(String accountId, Instant now) {
    find(accountId)
        .ifPresent(
            account -> {
              account.blockSignIn(now);
              account.endLoginsBefore(now);
            });
  }

  /** Whether sign-in to the account is blocked until a password reset. */
  public boolean signInBlocked(String accountId) {
    return find(accountId).flatMap(Account::signInBlockedAt).isPresent();
  }

  /** The accounts whose sign-in is blocked, most recently blocked first, at most {@code max}. */
  public List<Account> blocked(int max) {
    return em.createQuery(
            "SELECT a FROM Account a WHERE a.signInBlockedAt IS NOT NULL"
                + " ORDER BY a.signInBlockedAt DESC",
            Account.class)
        .setMaxResults(max)
        .getResultList();
  }

  /** Whether a sign-in from a new browser is mailed to the account (its owner's choice). */
  @Transactional
  public void mailNewBrowserSignIns(String accountId, boolean wanted) {
    find(accountId).ifPresent(account -> account.newBrowserNotices(wanted));
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.NEW_BROWSER_NOTICES_CHANGED, wanted ? "on" : "off"));
  }

  /**
   * Ends every login of the account completed before {@code now}, on every node: their sessions are
   * refused from their next request on.
   */
  @Transactional
  public void endSessionsBefore(String accountId, Instant now) {
    find(accountId).ifPresent(account -> account.endLoginsBefore(now));
  }

  /** Returns whether a login of the account completed at {@code loggedInAt} is still honoured. */
  public boolean loginStillValid(String accountId, Instant loggedInAt) {
    List<Instant> from =
        em.createQuery("SELECT a.sessionsValidFrom FROM Account a WHERE a.id = :id", Instant.class)
            .setParameter("id", accountId)
            .getResultList();
    return !from.isEmpty() && (from.get(0) == null || !loggedInAt.isBefore(from.get(0)));
  }

  /** When the account must have a second factor under the 2FA policy, if that was ever decided. */
  public Optional<Instant> secondFactorDueAt(String accountId) {
    return em.createQuery(
            "SELECT a.secondFactorDueAt FROM Account a WHERE a.id = :id", Instant.class)
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
    find(accountId).ifPresent(account -> account.requireSecondFactorBy(due));
  }
}
