package dev.portcullis.security;

import dev.portcullis.account.Accounts;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the HTTP session holds of a login, and nothing else does: the completed login ({@link
 * SignedInCaller}, restored into the container on every request while the account still honours it)
 * and the second step between a right password and a right code ({@link PendingLogin}). The session
 * id changes whenever a login step succeeds, so an id seen before is worth nothing after.
 */
@ApplicationScoped
public class SessionLogins {

  private static final Logger LOG = Logger.getLogger(SessionLogins.class.getName());

  @Inject Accounts accounts;
  @Inject SecondFactors factors;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.login.pending-minutes", defaultValue = "5")
  int pendingMinutes;

  /**
   * Returns the session's completed login while the account still honours it (no "log out
   * everywhere" since, the account exists). A login the 2FA policy sent to enrollment becomes a
   * full one once a factor is on; a login that is no longer honoured is removed, and this session
   * must log in again.
   */
  public Optional<SignedInCaller> restore(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(SignedInCaller.SESSION_ATTRIBUTE)
            instanceof SignedInCaller signedIn)) {
      return Optional.empty();
    }
    if (!accounts.loginStillValid(signedIn.accountId(), signedIn.at())) {
      session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
      return Optional.empty();
    }
    if (signedIn.groups().contains(Roles.ENROLLING) && factors.enabled(signedIn.accountId())) {
      // the policy's enrollment is done, with a code checked: the login is a full one now
      SignedInCaller full =
          new SignedInCaller(signedIn.accountId(), Set.of(Roles.CUSTOMER), signedIn.at());
      session.setAttribute(SignedInCaller.SESSION_ATTRIBUTE, full);
      return Optional.of(full);
    }
    return Optional.of(signedIn);
  }

  /**
   * A right password: whatever login or second step the session held is dropped; a new session id.
   */
  public void renew(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
    session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    request.changeSessionId();
  }

  /** A completed login: a new session id, and the login recorded in the session. */
  public void complete(HttpServletRequest request, String accountId, Set<String> groups) {
    request.changeSessionId();
    events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.LOGIN_COMPLETED));
    request
        .getSession()
        .setAttribute(
            SignedInCaller.SESSION_ATTRIBUTE,
            new SignedInCaller(accountId, Set.copyOf(groups), clock.instant()));
  }

  /** Stamps this session's login of {@code accountId} {@code now}, if it holds one. */
  void restamp(HttpServletRequest request, String accountId, Instant now) {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SignedInCaller.SESSION_ATTRIBUTE) instanceof SignedInCaller caller
        && caller.accountId().equals(accountId)) {
      session.setAttribute(
          SignedInCaller.SESSION_ATTRIBUTE,
          new SignedInCaller(caller.accountId(), caller.groups(), now));
    }
  }

  /** The password was right and a second step is due: it expires after a few minutes. */
  public void startSecondStep(HttpServletRequest request, String accountId) {
    Instant now = clock.instant();
    request
        .getSession()
        .setAttribute(
            PendingLogin.SESSION_ATTRIBUTE,
            new PendingLogin(accountId, now, now.plus(Duration.ofMinutes(pendingMinutes)), 0));
    LOG.fine(() -> "Password accepted for account " + accountId + "; second step pending");
  }

  /** Returns the session's live second step, or null; an expired one is removed. */
  public PendingLogin secondStep(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object held = session == null ? null : session.getAttribute(PendingLogin.SESSION_ATTRIBUTE);
    PendingLogin pending = held instanceof PendingLogin p ? p : null;
    PendingLogin live = LoginSteps.live(pending, clock.instant());
    if (pending != null && live == null) {
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    }
    return live;
  }

  /** Returns whether the session has a live second step. */
  public boolean secondStepPending(HttpServletRequest request) {
    return secondStep(request) != null;
  }

  /** The second step goes on as {@code next} (one more wrong code counted), or ends when null. */
  void continueSecondStep(HttpServletRequest request, PendingLogin next) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return;
    }
    if (next == null) {
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    } else {
      session.setAttribute(PendingLogin.SESSION_ATTRIBUTE, next);
    }
  }

  /** Forgets whatever login the session holds (the container's {@code cleanSubject}). */
  public void clear(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    }
  }
}
