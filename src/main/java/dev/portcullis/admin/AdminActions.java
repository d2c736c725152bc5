package dev.portcullis.admin;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.SignInRequirementsRaised;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.SecondStepCounter;
import dev.portcullis.platform.PlainText;
import dev.portcullis.security.PasswordThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What an administrator may do to a customer's account. Every action checks again that the caller
 * is an administrator with 2FA on, and is recorded twice: in the customer's activity (with the
 * reason, so they see why) and in the administrator's own.
 */
@ApplicationScoped
public class AdminActions {

  private static final Logger LOG = Logger.getLogger(AdminActions.class.getName());

  /** Shortest and longest reason an administrator must give for a reset. */
  public static final int REASON_MIN = 5;

  public static final int REASON_MAX = 150;

  @Inject Administrators administrators;
  @Inject Accounts accounts;
  @Inject SecondFactors factors;
  @Inject SecondStepCounter secondStep;
  @Inject PasswordThrottle passwordThrottle;
  @Inject Event<SecurityEvent> events;
  @Inject Event<SignInRequirementsRaised> raised;
  @Inject Clock clock;

  /** Why an action was refused; the page shows the message. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Resets the account's two-factor authentication: every factor and recovery code is deleted, the
   * second-factor counter and any lock are cleared, and every session of the account is ended.
   * Where the 2FA policy applies to the customer, they must set it up again right after their next
   * password.
   */
  @Transactional
  public void resetTwoFactor(String adminId, String accountId, String reason) {
    String why = checkReasonOf(reason);
    Account account = target(adminId, accountId);
    factors.removeAll(accountId);
    secondStep.reset(accountId);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    raised.fire(
        new SignInRequirementsRaised(
            accountId, "Two-Factor Authentication reset by an administrator"));
    // where the 2FA policy applies, the customer sets a factor up again right after their password
    accounts.requireSecondFactorBy(accountId, now);
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.TWO_FACTOR_RESET_BY_ADMIN, "reason: " + why));
    events.fire(
        new SecurityEvent(
            adminId,
            SecurityEvent.Type.ADMIN_ACTION,
            "reset 2FA of " + account.email() + ": " + why));
    LOG.info(() -> "Administrator " + adminId + " reset the 2FA of account " + accountId);
  }

  /**
   * Unlocks the account's second step (and any pause of password attempts for its email): the count
   * of wrong codes starts again.
   */
  @Transactional
  public void unlock(String adminId, String accountId) {
    Account account = target(adminId, accountId);
    secondStep.reset(accountId);
    passwordThrottle.recordSuccess(account.email());
    events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.SECOND_STEP_UNLOCKED));
    events.fire(
        new SecurityEvent(adminId, SecurityEvent.Type.ADMIN_ACTION, "unlocked " + account.email()));
    LOG.info(
        () -> "Administrator " + adminId + " unlocked the second step of account " + accountId);
  }

  /** Returns whether the account's second step is locked now. */
  public boolean locked(Account account) {
    return secondStep.lockedUntil(account.id()).filter(u -> u.isAfter(clock.instant())).isPresent();
  }

  private Account target(String adminId, String accountId) {
    if (adminId == null || !administrators.mayAdminister(adminId)) {
      throw new Refused("Only an administrator with Two-Factor Authentication on can do this.");
    }
    Optional<Account> account = accountId == null ? Optional.empty() : accounts.find(accountId);
    return account.orElseThrow(() -> new Refused("That account does not exist (any more)."));
  }

  /** Returns the trimmed reason, or throws {@link Refused} with what is wrong with it. */
  public static String checkReasonOf(String reason) {
    String why = PlainText.normalize(reason);
    if (why.length() < REASON_MIN) {
      throw new Refused(
          "Give a reason (at least " + REASON_MIN + " characters); the customer will see it.");
    }
    if (why.length() > REASON_MAX) {
      throw new Refused("Keep the reason under " + (REASON_MAX + 1) + " characters.");
    }
    if (PlainText.hasInvisible(why)) {
      throw new Refused("The reason must be plain text on one line.");
    }
    return why;
  }
}
