package dev.portcullis.security;

import dev.portcullis.account.Accounts;
import dev.portcullis.account.PasswordHashing;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.audit.SecurityMetrics;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
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
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The application's one authentication mechanism: password first, then a second-factor code.
 *
 * <p>It gathers the credential, asks the identity store handler, and notifies the container or
 * continues; what each answer leads to is {@link LoginSteps}'s, what the session holds is {@link
 * SessionLogins}', and what the page learns is {@link LoginResult}. A valid password for an account
 * with an active second factor is not a login: the session gets a second step and the container
 * still knows nobody, so no protected page, AJAX request or image is reachable. Only a valid code
 * completes the login. A completed login lives in the session and is restored into the container on
 * every request.
 */
@ApplicationScoped
public class TwoStepAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final Logger LOG =
      Logger.getLogger(TwoStepAuthenticationMechanism.class.getName());

  @Inject IdentityStoreHandler identityStores;
  @Inject SessionLogins sessions;
  @Inject LoginResult result;
  @Inject PasswordThrottle throttle;
  @Inject SecondFactors factors;
  @Inject EnrollmentPolicy enrollmentPolicy;
  @Inject ClientAddress clientAddress;
  @Inject SecurityMetrics metrics;
  @Inject Event<SecurityEvent> events;
  @Inject Accounts accounts;
  @Inject KnownBrowsers browsers;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential password) {
      return passwordStep(request, response, context, password);
    }
    if (credential instanceof SecondFactorCredential code) {
      return codeStep(request, response, context, code);
    }
    if (!context.isProtected() && request.getRequestURI().contains("/jakarta.faces.resource/")) {
      // scripts, styles and fonts are the same for everyone: no session, no database look-up
      return context.doNothing();
    }
    Optional<SignedInCaller> caller = sessions.restore(request);
    if (caller.isPresent()) {
      if (Redirects.enrollmentGateTurnsAway(caller.get(), request, context.isProtected())) {
        return Redirects.sendTo(request, response, context, Pages.SECURITY_SETTINGS);
      }
      return context.notifyContainerAboutLogin(caller.get().accountId(), caller.get().groups());
    }
    if (context.isProtected()) {
      return Redirects.sendTo(
          request,
          response,
          context,
          sessions.secondStepPending(request) ? Pages.VERIFY : Pages.LOGIN);
    }
    return context.doNothing();
  }

  private AuthenticationStatus passwordStep(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      UsernamePasswordCredential password) {
    // a new password attempt abandons any second step that was pending
    sessions.continueSecondStep(request, null);
    CredentialValidationResult[] validated = {CredentialValidationResult.INVALID_RESULT};
    PasswordThrottle.Verdict verdict;
    try {
      verdict =
          throttle.attempt(
              password.getCaller(),
              clientAddress.of(request),
              () -> {
                validated[0] = identityStores.validate(password);
                if (result.step() == LoginResult.Step.PASSWORD_BUSY) {
                  // nothing was checked: not a wrong password, so the throttle must not count it
                  throw new PasswordHashing.Busy();
                }
                return validated[0].getStatus() == CredentialValidationResult.Status.VALID;
              });
    } catch (PasswordHashing.Busy busy) {
      metrics.loginAttempt("password", "busy");
      result.step(LoginResult.Step.PASSWORD_BUSY);
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (verdict != PasswordThrottle.Verdict.RIGHT) {
      boolean paused = verdict == PasswordThrottle.Verdict.PAUSED;
      metrics.loginAttempt("password", paused ? "throttled" : "rejected");
      result.step(paused ? LoginResult.Step.PASSWORD_PAUSED : LoginResult.Step.PASSWORD_REFUSED);
      return AuthenticationStatus.SEND_FAILURE;
    }
    metrics.loginAttempt("password", "accepted");
    String accountId = validated[0].getCallerPrincipal().getName();
    sessions.renew(request);
    boolean blocked = accounts.signInBlocked(accountId);
    boolean twoFactorOn = factors.enabled(accountId);
    boolean mustEnroll =
        !blocked
            && !twoFactorOn
            && enrollmentPolicy.atPasswordStep(accountId) instanceof EnrollmentPolicy.MustEnrollNow;
    return switch (LoginSteps.afterPassword(verdict, blocked, twoFactorOn, mustEnroll)) {
      case BLOCKED -> {
        passwordAccepted(accountId, "sign-in blocked until the password is reset");
        result.step(LoginResult.Step.SIGN_IN_BLOCKED);
        yield AuthenticationStatus.SEND_FAILURE;
      }
      case SIGNED_IN_TO_ENROLL -> {
        passwordAccepted(accountId, "second factor required: sent to set one up");
        yield signIn(request, response, context, accountId, Set.of(Roles.ENROLLING));
      }
      case SIGNED_IN -> {
        passwordAccepted(accountId, "no second factor");
        yield signIn(request, response, context, accountId, validated[0].getCallerGroups());
      }
      case SECOND_STEP_DUE -> {
        passwordAccepted(accountId, "second step pending");
        sessions.startSecondStep(request, accountId);
        result.step(LoginResult.Step.SECOND_STEP_DUE);
        // nobody is logged in; the login page sends the browser on to the second step
        yield context.doNothing();
      }
      case PAUSED, REFUSED -> throw new IllegalStateException("the password was right");
    };
  }

  private AuthenticationStatus codeStep(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      SecondFactorCredential code) {
    PendingLogin pending = sessions.secondStep(request);
    CredentialValidationResult checked = CredentialValidationResult.NOT_VALIDATED_RESULT;
    Outcome outcome = null;
    if (pending != null) {
      checked = identityStores.validate(code.forAccount(pending.accountId()));
      boolean signedIn =
          checked.getStatus() == CredentialValidationResult.Status.VALID
              && checked.getCallerPrincipal().getName().equals(pending.accountId());
      outcome =
          result.outcome().filter(o -> signedIn || !(o instanceof Outcome.Accepted)).orElse(null);
    }
    LoginSteps.AfterCode next = LoginSteps.afterCode(pending, outcome);
    sessions.continueSecondStep(request, next.pending());
    switch (next.kind()) {
      case SIGNED_IN -> {
        if (accounts.signInBlocked(pending.accountId())) {
          // blocked ("This wasn't me") after this login's password was taken
          sessions.continueSecondStep(request, null);
          result.step(LoginResult.Step.SIGN_IN_BLOCKED);
          return AuthenticationStatus.SEND_FAILURE;
        }
        return signIn(request, response, context, pending.accountId(), checked.getCallerGroups());
      }
      case START_AGAIN -> {
        if (pending != null) {
          LOG.info(
              () ->
                  "Pending login of account "
                      + pending.accountId()
                      + " ended after too many wrong codes");
        }
        result.step(LoginResult.Step.START_AGAIN);
        return AuthenticationStatus.SEND_FAILURE;
      }
      default -> {
        result.step(LoginResult.Step.CODE_REFUSED);
        return AuthenticationStatus.SEND_FAILURE;
      }
    }
  }

  private void passwordAccepted(String accountId, String detail) {
    events.fire(new SecurityEvent(accountId, SecurityEvent.Type.PASSWORD_ACCEPTED, detail));
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String accountId,
      Set<String> groups) {
    sessions.complete(request, accountId, groups);
    browsers.signedIn(request, response, accountId);
    result.step(LoginResult.Step.SIGNED_IN);
    return context.notifyContainerAboutLogin(accountId, Set.copyOf(groups));
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    sessions.clear(request);
  }
}
