package dev.portcullis.webauthn;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * The WebAuthn challenges this browser session was given and has not answered yet: at most one
 * registration and one sign-in at a time, each kept on the server (as the library's JSON, which
 * holds the challenge), bound to the account it was made for, used once and only until it expires.
 * Starting a new one replaces the old one.
 */
@SessionScoped
public class Ceremonies implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A challenge given to the browser. */
  record Pending(String accountId, String requestJson, Instant expiresAt) implements Serializable {}

  private Pending registration;
  private Pending assertion;

  synchronized void registration(Pending pending) {
    this.registration = pending;
  }

  synchronized void assertion(Pending pending) {
    this.assertion = pending;
  }

  /** Takes the registration challenge of {@code accountId}, if one is live; it is gone after. */
  synchronized Optional<Pending> takeRegistration(String accountId, Instant now) {
    Pending taken = registration;
    registration = null;
    return live(taken, accountId, now);
  }

  /** Takes the sign-in challenge of {@code accountId}, if one is live; it is gone after. */
  synchronized Optional<Pending> takeAssertion(String accountId, Instant now) {
    Pending taken = assertion;
    assertion = null;
    return live(taken, accountId, now);
  }

  private static Optional<Pending> live(Pending pending, String accountId, Instant now) {
    return Optional.ofNullable(pending)
        .filter(p -> p.accountId().equals(accountId))
        .filter(p -> now.isBefore(p.expiresAt()));
  }
}
