package dev.portcullis.security;

import dev.portcullis.account.Accounts;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.audit.SecurityMetrics;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.platform.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's one authentication mechanism: password first, then a second-factor code.
 *
 * <p>It only gathers credentials and delegates their checking to the identity store handler. A
 * valid password for an account with an active second factor is not a login: the session gets a
 * {@link PendingLogin} and the container still knows nobody, so no protected page, AJAX request or
 * image is reachable. Only a valid code completes the login; the session id changes at each step,
 * so an id seen before the login is worth nothing after it. A completed login lives in the session
 * and is restored into the container on every request.
 */
@ApplicationScoped
public class TwoStepAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final Logger LOG =
      Logger.getLogger(TwoStepAuthenticationMechanism.class.getName());

  /** Where a visitor without a login is sent. */
  static final String LOGIN_PAGE = Pages.path(Pages.LOGIN);

  /**
   * Where an account that must set up a second factor first is sent (policy past its grace period).
   */
  static final String ENROLL_PAGE = Pages.path(Pages.SECURITY_SETTINGS);

  /** Where a visitor with a pending login is sent. */
  static final String VERIFY_PAGE = Pages.path(Pages.VERIFY);

  @Inject IdentityStoreHandler identityStores;
  @Inject VerifySecondFactor secondFactors;
  @Inject LastOutcome lastOutcome;
  @Inject PasswordThrottle throttle;
  @Inject Accounts accounts;
  @Inject ClientAddress clientAddress;
  @Inject SecurityMetrics metrics;
  @Inject EnrollmentPolicy enrollmentPolicy;

  /** Request attribute set when the password step was refused because attempts are paused. */
  public static final String PASSWORD_PAUSED = "dev.portcullis.passwordPaused";

  @Inject Event<SecurityEvent> events;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "portcullis.login.pending-minutes", defaultValue = "5")
  int pendingMinutes;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential) {
      return passwordStep(request, context, credential);
    }
    if (credential instanceof SecondFactorCredential code) {
      return codeStep(request, context, code);
    }
    if (!context.isProtected() && request.getRequestURI().contains("/jakarta.faces.resource/")) {
      // scripts, styles and fonts are the same for everyone: no session, no database look-up
      return context.doNothing();
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(SignedInCaller.SESSION_ATTRIBUTE)
            instanceof SignedInCaller signedIn) {
      if (accounts.loginStillValid(signedIn.accountId(), signedIn.at())) {
        SignedInCaller caller = signedIn;
        if (caller.groups().contains(Roles.ENROLLING)) {
          if (secondFactors.twoFactorEnabled(caller.accountId())) {
            // the policy's enrollment is done, with a code checked: the login is a full one now
            caller = new SignedInCaller(caller.accountId(), Set.of(Roles.CUSTOMER), caller.at());
            session.setAttribute(SignedInCaller.SESSION_ATTRIBUTE, caller);
          } else if (context.isProtected() && !enrollmentStep(request)) {
            return sendTo(request, response, context, ENROLL_PAGE);
          }
        }
        return context.notifyContainerAboutLogin(caller.accountId(), caller.groups());
      }
      // ended from another session (or the account is gone): this session logs in again
      session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
    }
    if (context.isProtected()) {
      return sendTo(
          request, response, context, pending(session) != null ? VERIFY_PAGE : LOGIN_PAGE);
    }
    return context.doNothing();
  }

  private AuthenticationStatus passwordStep(
      HttpServletRequest request, HttpMessageContext context, Credential credential) {
    HttpSession previous = request.getSession(false);
    if (previous != null) {
      // a new password attempt abandons any second step that was pending
      previous.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    }
    String email = ((UsernamePasswordCredential) credential).getCaller();
    String address = clientAddress.of(request);
    CredentialValidationResult[] validated = {CredentialValidationResult.INVALID_RESULT};
    PasswordThrottle.Verdict verdict =
        throttle.attempt(
            email,
            address,
            () -> {
              validated[0] = identityStores.validate(credential);
              return validated[0].getStatus() == CredentialValidationResult.Status.VALID;
            });
    if (verdict == PasswordThrottle.Verdict.PAUSED) {
      request.setAttribute(PASSWORD_PAUSED, Boolean.TRUE);
      metrics.loginAttempt("password", "throttled");
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (verdict == PasswordThrottle.Verdict.WRONG) {
      metrics.loginAttempt("password", "rejected");
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = validated[0];
    metrics.loginAttempt("password", "accepted");
    String accountId = result.getCallerPrincipal().getName();
    HttpSession session = request.getSession(true);
    session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
    session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    request.changeSessionId();
    if (!secondFactors.twoFactorEnabled(accountId)) {
      if (enrollmentPolicy.atPasswordStep(accountId) instanceof EnrollmentPolicy.MustEnrollNow) {
        events.fire(
            new SecurityEvent(
                accountId,
                SecurityEvent.Type.PASSWORD_ACCEPTED,
                "second factor required: sent to set one up"));
        return signIn(
            request, context, new CredentialValidationResult(accountId, Set.of(Roles.ENROLLING)));
      }
      events.fire(
          new SecurityEvent(accountId, SecurityEvent.Type.PASSWORD_ACCEPTED, "no second factor"));
      return signIn(request, context, result);
    }
    events.fire(
        new SecurityEvent(accountId, SecurityEvent.Type.PASSWORD_ACCEPTED, "second step pending"));
    Instant now = clock.instant();
    session.setAttribute(
        PendingLogin.SESSION_ATTRIBUTE,
        new PendingLogin(accountId, now, now.plus(Duration.ofMinutes(pendingMinutes)), 0));
    LOG.fine(() -> "Password accepted for account " + accountId + "; second step pending");
    // nobody is logged in; the login page sees the pending login and sends the browser on
    return context.doNothing();
  }

  private AuthenticationStatus codeStep(
      HttpServletRequest request, HttpMessageContext context, SecondFactorCredential code) {
    HttpSession session = request.getSession(false);
    PendingLogin pending = pending(session);
    if (pending == null) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result =
        identityStores.validate(code.forAccount(pending.accountId()));
    if (result.getStatus() == CredentialValidationResult.Status.VALID
        && result.getCallerPrincipal().getName().equals(pending.accountId())) {
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
      return signIn(request, context, result);
    }
    if (lastOutcome
        .get()
        .filter(o -> !(o instanceof VerifySecondFactor.Outcome.Rejected))
        .isPresent()) {
      // malformed, or the checking service was unavailable: not a guess, nothing was compared
      return AuthenticationStatus.SEND_FAILURE;
    }
    PendingLogin next = pending.withFailure();
    if (next.exhausted()) {
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
      LOG.info(
          () ->
              "Pending login of account "
                  + pending.accountId()
                  + " ended after too many wrong codes");
    } else {
      session.setAttribute(PendingLogin.SESSION_ATTRIBUTE, next);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpMessageContext context, CredentialValidationResult result) {
    request.changeSessionId();
    events.fire(
        SecurityEvent.of(
            result.getCallerPrincipal().getName(), SecurityEvent.Type.LOGIN_COMPLETED));
    request
        .getSession()
        .setAttribute(
            SignedInCaller.SESSION_ATTRIBUTE,
            new SignedInCaller(
                result.getCallerPrincipal().getName(),
                Set.copyOf(result.getCallerGroups()),
                clock.instant()));
    return context.notifyContainerAboutLogin(result);
  }

  /** Returns the session's pending login if it has not expired; removes an expired one. */
  private PendingLogin pending(HttpSession session) {
    if (session == null
        || !(session.getAttribute(PendingLogin.SESSION_ATTRIBUTE)
            instanceof PendingLogin pending)) {
      return null;
    }
    if (pending.expiredAt(clock.instant())) {
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
      return null;
    }
    return pending;
  }

  /**
   * Sends the browser to {@code path}. A PrimeFaces/Faces AJAX request cannot follow an HTTP
   * redirect, so it gets a partial response that tells the Faces script to navigate.
   */
  private static AuthenticationStatus sendTo(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String path) {
    String url = request.getContextPath() + path;
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<partial-response><redirect url=\""
                    + url
                    + "\"></redirect></partial-response>");
        return AuthenticationStatus.SEND_CONTINUE;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return context.redirect(url);
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(SignedInCaller.SESSION_ATTRIBUTE);
      session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    }
  }

  /** The addresses an account sent to enrollment may open ({@link Pages#ENROLLMENT}). */
  private static boolean enrollmentStep(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    // the same pages through the *.xhtml mapping (without /faces) are the same pages
    return Pages.enrollment(path.startsWith("/faces/") ? path : "/faces" + path);
  }

  /** Returns the pending login of the request's session, if there is a live one. */
  public PendingLogin pendingLogin(HttpServletRequest request) {
    return pending(request.getSession(false));
  }
}
