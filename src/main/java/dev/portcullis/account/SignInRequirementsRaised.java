package dev.portcullis.account;

import java.util.Objects;

/**
 * A CDI event: what it takes to sign in to the account has just become more (the first second
 * factor was activated, the password changed, an administrator reset 2FA). Every login made under
 * the old requirements must sign in again, on every node; the session that made the change (if it
 * is the account's own) stays in. Observed by the login's session keeping.
 *
 * @param why in words for the account's activity list, e.g. "Two-Factor Authentication turned on"
 */
public record SignInRequirementsRaised(String accountId, String why) {

  public SignInRequirementsRaised {
    Objects.requireNonNull(accountId);
    Objects.requireNonNull(why);
  }
}
