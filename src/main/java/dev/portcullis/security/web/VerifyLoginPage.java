package dev.portcullis.security.web;

import dev.portcullis.factor.SecondFactorMethod.Verified;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.security.LoginResult;
import dev.portcullis.security.Pages;
import dev.portcullis.security.SecondFactorCredential;
import dev.portcullis.security.SessionLogins;
import dev.portcullis.web.ClockNotice;
import dev.portcullis.web.SignIn;
import dev.portcullis.webauthn.RelyingParties;
import dev.portcullis.webauthn.WebAuthnFactors;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletResponse;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/** The second step of a login: the code from the authenticator app, or a recovery code. */
@Named("verifyLogin")
@RequestScoped
public class VerifyLoginPage {

  static final String KEY_NOT_ACCEPTED =
      "Your security key's answer was not accepted. Try again, or use another method.";

  static final String START_AGAIN =
      "Your sign-in has ended (it expired, or too many codes were wrong). Enter your password again.";

  @Inject SecurityContext securityContext;
  @Inject SessionLogins sessions;
  @Inject LoginResult result;

  @Inject WebAuthnFactors securityKeys;

  private String code;
  private String answer;
  private Boolean securityKey;

  /** Sends a visitor without a live pending login back to the password step. */
  public void requirePendingLogin() {
    if (Faces.getRemoteUser() != null) {
      Faces.redirect(Pages.CLIENT_AREA);
    } else if (!sessions.secondStepPending(Faces.getRequest())) {
      Messages.addFlashGlobalWarn(START_AGAIN);
      Faces.redirect(Pages.LOGIN);
    }
  }

  /** Whether the account of the pending login has a security key or passkey. */
  public boolean isSecurityKey() {
    if (securityKey == null) {
      securityKey = pendingAccount().map(securityKeys::activeFor).orElse(false);
    }
    return securityKey;
  }

  /**
   * A new sign-in challenge for the account's security keys (the options for the browser, JSON);
   * only asked while the page is written.
   */
  public String getSecurityKeyOptions() {
    return pendingAccount()
        .flatMap(a -> securityKeys.startAssertion(a, RelyingParties.Site.of(Faces.getRequest())))
        .orElse("");
  }

  private java.util.Optional<String> pendingAccount() {
    return java.util.Optional.ofNullable(sessions.secondStep(Faces.getRequest()))
        .map(dev.portcullis.security.PendingLogin::accountId);
  }

  public void verify() {
    String typed = code;
    code = null;
    signIn(new SecondFactorCredential(typed), "verify:code");
  }

  /** The second step with a security key: the browser's answer to the challenge. */
  public void verifyKey() {
    String body = answer;
    answer = null;
    signIn(
        new SecondFactorCredential(RelyingParties.Site.of(Faces.getRequest()).answer(body)),
        "key:answer");
  }

  private void signIn(SecondFactorCredential proof, String field) {
    AuthenticationStatus status =
        securityContext.authenticate(
            Faces.getRequest(),
            Faces.getResponse(),
            AuthenticationParameters.withParams().credential(proof).newAuthentication(true));
    if (status == AuthenticationStatus.SUCCESS) {
      result.outcome().ifPresent(VerifyLoginPage::tellAboutTheCode);
      Faces.redirect(Pages.CLIENT_AREA);
      return;
    }
    if (result.step() == LoginResult.Step.START_AGAIN) {
      Messages.addFlashGlobalWarn(START_AGAIN);
      Faces.redirect(Pages.LOGIN);
      return;
    }
    if (result.step() == LoginResult.Step.SIGN_IN_BLOCKED) {
      Messages.addFlashGlobalError(SignIn.BLOCKED);
      Faces.redirect(Pages.LOGIN);
      return;
    }
    Faces.getResponse().setStatus(HttpServletResponse.SC_OK);
    String failure =
        field.equals("key:answer") ? KEY_NOT_ACCEPTED : VerifySecondFactor.FAILURE_MESSAGE;
    Messages.addError(
        field,
        result
            .outcome()
            .filter(o -> !(o instanceof Outcome.Rejected))
            .map(VerifySecondFactor::messageFor)
            .orElse(failure));
  }

  /**
   * After a login: warn about a device clock that is off, or about a dwindling stock of recovery
   * codes.
   */
  static void tellAboutTheCode(Outcome outcome) {
    if (!(outcome instanceof Outcome.Accepted accepted)) {
      return;
    }
    Verified verified = accepted.verified();
    if (verified.clockOffsetSeconds() != 0) {
      Messages.addFlashGlobalWarn(ClockNotice.describe(verified.clockOffsetSeconds()));
    }
    if (verified.remainingRecoveryCodes() >= 0) {
      Messages.addFlashGlobalWarn(
          "You used a recovery code. "
              + verified.remainingRecoveryCodes()
              + " of your recovery codes are left; you can make new ones in Security Settings.");
    }
  }

  public String getCode() {
    return null;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getAnswer() {
    return null;
  }

  public void setAnswer(String answer) {
    this.answer = answer;
  }
}
