package dev.portcullis.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the HTTP session holds between a correct password and a correct second-factor code. It is
 * NOT a login: the container knows nobody, so every protected page, request and image stays closed.
 * It expires after a few minutes and is destroyed after {@link #MAX_ATTEMPTS} wrong codes; the
 * password must then be entered again.
 */
public record PendingLogin(
    String accountId, Instant startedAt, Instant expiresAt, int failedAttempts)
    implements Serializable {

  /** The session attribute that holds it. */
  public static final String SESSION_ATTRIBUTE = "dev.portcullis.pendingLogin";

  /** Wrong codes one pending login allows before the password is asked again. */
  public static final int MAX_ATTEMPTS = 5;

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  PendingLogin withFailure() {
    return new PendingLogin(accountId, startedAt, expiresAt, failedAttempts + 1);
  }

  boolean exhausted() {
    return failedAttempts >= MAX_ATTEMPTS;
  }
}
