package dev.portcullis.audit;

import java.util.Objects;

/**
 * Something that happened to the security of an account, fired as a CDI event by the feature where
 * it happened. {@code detail} is a short, secret-free description (a factor's name, a count).
 */
public record SecurityEvent(String accountId, Type type, String detail) {

  /** What happened; {@link #description()} is what the account's activity list shows. */
  public enum Type {
    PASSWORD_ACCEPTED("Password accepted"),
    PASSWORD_REJECTED("Wrong password"),
    PASSWORD_THROTTLED("Password attempts paused after too many failures"),
    LOGIN_COMPLETED("Logged in"),
    CODE_ACCEPTED("Second-factor code accepted"),
    CODE_REJECTED("Second-factor code refused"),
    CODE_UNCHECKED("Second factor could not be checked (service unavailable)"),
    REPLAY_DETECTED("A used code or YubiKey OTP was sent again"),
    SECOND_STEP_LOCKED("Second step locked after too many wrong codes"),
    SECURITY_KEY_POSSIBLY_CLONED(
        "Security key refused: its signature counter went backwards (it may have been copied)"),
    REAUTHENTICATED("Confirmed it's you"),
    FACTOR_ADDED("Second factor added"),
    FACTOR_REMOVED("Second factor removed"),
    TWO_FACTOR_TURNED_OFF("Two-Factor Authentication turned off"),
    RECOVERY_CODE_USED("Recovery code used"),
    RECOVERY_CODES_REGENERATED("New recovery codes made"),
    LOGGED_OUT("Logged out"),
    TWO_FACTOR_RESET_BY_ADMIN("Two-Factor Authentication reset by an administrator"),
    SECOND_STEP_UNLOCKED("Second step unlocked by an administrator"),
    ADMIN_ACTION("Administrator action"),
    PASSWORD_CHANGED("Password changed"),
    PASSWORD_RESET_REQUESTED("Password reset link mailed"),
    PASSWORD_RESET("Password reset through an emailed link"),
    OTHER_SESSIONS_ENDED("Signed out everywhere else"),
    EMAIL_VERIFICATION_MAILED("Link to confirm the email address mailed"),
    EMAIL_VERIFIED("Email address confirmed"),
    EMAIL_CHANGE_REQUESTED("Change of email address asked for"),
    EMAIL_CHANGED("Email address changed"),
    SIGN_IN_BLOCKED(
        "Reported by its owner (\"This wasn't me\"): signed out everywhere, sign-in blocked until the"
            + " password is reset"),
    NEW_BROWSER("Signed in from a new browser"),
    NEW_BROWSER_NOTICES_CHANGED("Mail of sign-ins from new browsers switched"),
    RECOVERY_REQUESTED("Account recovery requested (\"Submit a ticket\")"),
    RECOVERY_CONFIRMED("Account recovery request confirmed from the mailed link"),
    RECOVERY_APPROVED("Account recovery request approved by an administrator"),
    RECOVERY_REJECTED("Account recovery request rejected by an administrator"),
    RECOVERY_REMINDED("Reminder of the approved account recovery request mailed"),
    RECOVERY_CANCELLED("Account recovery request cancelled"),
    RECOVERY_COMPLETED("Second factors removed by the approved account recovery request");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public SecurityEvent {
    Objects.requireNonNull(accountId);
    Objects.requireNonNull(type);
    detail = detail == null ? "" : detail;
  }

  public static SecurityEvent of(String accountId, Type type) {
    return new SecurityEvent(accountId, type, "");
  }
}
