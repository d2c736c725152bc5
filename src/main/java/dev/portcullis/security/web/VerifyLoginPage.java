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

  static final String START_AGAIN =
      "Your sign-in has ended (it expired, or too many codes were wrong). Enter your password again.";

  @Inject SecurityContext securityContext;
  @Inject SessionLogins sessions;
  @Inject LoginResult result;

  private String code;

  /** Sends a visitor without a live pending login back to the password step. */
  public void requirePendingLogin() {
    if (Faces.getRemoteUser() != null) {
      Faces.redirect(Pages.CLIENT_AREA);
    } else if (!sessions.secondStepPending(Faces.getRequest())) {
      Messages.addFlashGlobalWarn(START_AGAIN);
      Faces.redirect(Pages.LOGIN);
    }
  }

  public void verify() {
    AuthenticationStatus status =
        securityContext.authenticate(
            Faces.getRequest(),
            Faces.getResponse(),
            AuthenticationParameters.withParams()
                .credential(new SecondFactorCredential(code))
                .newAuthentication(true));
    code = null;
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
    Messages.addError(
        "verify:code",
        result
            .outcome()
            .map(VerifySecondFactor::messageFor)
            .orElse(VerifySecondFactor.FAILURE_MESSAGE));
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
}
