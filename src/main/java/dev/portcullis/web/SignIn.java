package dev.portcullis.web;

import jakarta.enterprise.context.RequestScoped;
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
