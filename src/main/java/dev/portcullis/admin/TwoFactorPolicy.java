package dev.portcullis.admin;

import dev.portcullis.account.Accounts;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.platform.StartupCheck;
import dev.portcullis.security.EnrollmentPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operators' 2FA policy: {@code portcullis.policy.require-2fa} says of whom two-factor
 * authentication is required ({@code none}, {@code administrators} or {@code everyone}), {@code
 * portcullis.policy.grace-days} how long an account may still log in with its password alone. The
 * grace period starts at the account's first password step under the policy (recorded in the
 * database, so every node agrees); past it, the account is sent to enrollment right after its
 * password.
 */
@ApplicationScoped
public class TwoFactorPolicy implements EnrollmentPolicy, StartupCheck {

  /** Of whom 2FA is required. */
  public enum Requirement {
    NONE,
    ADMINISTRATORS,
    EVERYONE
  }

  static final int MAX_GRACE_DAYS = 365;

  @Inject Accounts accounts;
  @Inject Administrators administrators;
  @Inject SecondFactors factors;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "portcullis.policy.require-2fa", defaultValue = "none")
  String requireSetting;

  @Inject
  @ConfigProperty(name = "portcullis.policy.grace-days", defaultValue = "14")
  int graceDays;

  /** A wrong value stops the start, with the setting's name. */
  @Override
  public void check() {
    requirement();
    grace();
  }

  Requirement requirement() {
    try {
      return Requirement.valueOf(requireSetting.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "portcullis.policy.require-2fa must be none, administrators or everyone, not \""
              + requireSetting
              + "\"");
    }
  }

  Duration grace() {
    if (graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
      throw new IllegalArgumentException(
          "portcullis.policy.grace-days must be between 0 and "
              + MAX_GRACE_DAYS
              + ", not "
              + graceDays);
    }
    return Duration.ofDays(graceDays);
  }

  @Override
  public Decision atPasswordStep(String accountId) {
    return decide(accountId, requirement(), grace());
  }

  /** The decision under a given policy (the configured one, or another in tests). */
  public Decision decide(String accountId, Requirement requirement, Duration grace) {
    if (!stillRequired(requirement, accountId)) {
      return new NotRequired();
    }
    // whole milliseconds: a database may round finer fractions up, which would move the deadline
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant due =
        accounts
            .secondFactorDueAt(accountId)
            .orElseGet(() -> accounts.startSecondFactorDeadline(accountId, now.plus(grace)));
    return now.isBefore(due) ? new GraceUntil(due) : new MustEnrollNow();
  }

  /** The deadline to show a signed-in account that is in its grace period, if it is. */
  public Optional<Instant> deadlineFor(String accountId) {
    if (!stillRequired(requirement(), accountId)) {
      return Optional.empty();
    }
    return accounts.secondFactorDueAt(accountId);
  }

  /** Whether the requirement applies to the account and it has no second factor yet. */
  private boolean stillRequired(Requirement requirement, String accountId) {
    boolean applies =
        switch (requirement) {
          case NONE -> false;
          case ADMINISTRATORS -> administrators.isListed(accountId);
          case EVERYONE -> true;
        };
    return applies && !factors.enabled(accountId);
  }
}
