package dev.portcullis.security.web;

import dev.portcullis.security.LoginResult;
import dev.portcullis.security.Pages;
import dev.portcullis.web.SignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The first step of a login: email and password, handed to the mechanism through the security
 * context.
 */
@Named("login")
@RequestScoped
public class LoginPage {

  static final String WRONG_CREDENTIALS = "That email and password don't match an account.";
  static final String PAUSED =
      "Too many failed logins for this account or from your network. Please wait a few minutes and"
          + " try again; if you forgot your password, use \"Forgot your password?\" below.";

  @Inject SignIn signIn;
  @Inject LoginResult result;

  private String email;
  private String password;

  /** Sends a visitor who is already logged in to the client area. */
  public void redirectIfSignedIn() {
    if (Faces.getRemoteUser() != null) {
      Faces.redirect(Pages.CLIENT_AREA);
    }
  }

  public void logIn() {
    AuthenticationStatus status = signIn.withPassword(email, password);
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      Faces.redirect(Pages.CLIENT_AREA);
    } else if (result.step() == LoginResult.Step.SECOND_STEP_DUE) {
      // the password was right and a second step is due; Liberty reports this as SEND_FAILURE
      Faces.redirect(Pages.VERIFY);
    } else if (result.step() == LoginResult.Step.PASSWORD_BUSY) {
      SignIn.tellBusy();
    } else if (result.step() == LoginResult.Step.SIGN_IN_BLOCKED) {
      Faces.getResponse().setStatus(HttpServletResponse.SC_OK);
      Messages.addGlobalError(SignIn.BLOCKED);
    } else {
      Faces.getResponse().setStatus(HttpServletResponse.SC_OK);
      Messages.addGlobalError(
          result.step() == LoginResult.Step.PASSWORD_PAUSED ? PAUSED : WRONG_CREDENTIALS);
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return null;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
