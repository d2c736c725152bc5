package dev.portcullis.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The first step of a login from any page (the login form, and right after registration): email and
 * password handed to the mechanism through {@code SecurityContext.authenticate}. Checks nothing
 * itself.
 */
@RequestScoped
public class SignIn {

  /** What a page says when the password could not be checked because the server was too busy. */
  /** What the login pages say when the account's owner blocked sign-in ("This wasn't me"). */
  public static final String BLOCKED =
      "Sign-in to this account is blocked because its owner reported something they did not do"
          + " (\"This wasn't me\"). Set a new password with the link mailed to the account's address,"
          + " or ask for a new link with \"Forgot your password?\" below.";

  public static final String BUSY =
      "The portal is very busy right now, so your password was not checked. Please try again in a"
          + " moment.";

  /**
   * Answers "503, try again in a few seconds" with {@link #BUSY} as the page's message; the form
   * keeps what was typed except the password.
   */
  public static void tellBusy() {
    HttpServletResponse response =
        (HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "5");
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, BUSY, null));
  }

  @Inject SecurityContext securityContext;

  /** Runs the password step for {@code email} and {@code password} (null is taken as empty). */
  public AuthenticationStatus withPassword(String email, String password) {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    return securityContext.authenticate(
        (HttpServletRequest) external.getRequest(),
        (HttpServletResponse) external.getResponse(),
        AuthenticationParameters.withParams()
            .credential(
                new UsernamePasswordCredential(
                    email == null ? "" : email, new Password(password == null ? "" : password)))
            .newAuthentication(true));
  }
}
