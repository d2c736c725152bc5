package dev.portcullis.security.web;

import dev.portcullis.security.Pages;
import dev.portcullis.security.PasswordResets;
import dev.portcullis.web.LinkToken;
import dev.portcullis.web.SignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The page a reset link opens: the new password, twice. An expired, used or altered link gets a
 * page that says so and offers a new one; nothing changes. Setting the password does not sign in.
 */
@Named("resetPassword")
@RequestScoped
public class ResetPasswordPage {

  static final String DONE =
      "Your password is changed. Log in with it; your second factor is asked as before. Your account"
          + " was logged out everywhere else.";

  @Inject PasswordResets resets;

  private String token;
  private String newPassword;
  private String repeatedPassword;
  private Boolean valid;

  /**
   * Whether the link opens the form (asked once per request). The token is read from the request
   * itself, the link's {@code token} or the form's hidden copy: whether the form is rendered, and
   * so processed, depends on it before any value is applied.
   */
  public boolean isValid() {
    if (valid == null) {
      if (token == null) {
        token = LinkToken.read("reset");
      }
      valid = resets.valid(token);
    }
    return valid;
  }

  public void submit() {
    String chosen = newPassword;
    String repeated = repeatedPassword;
    newPassword = null;
    repeatedPassword = null;
    if (chosen != null && !chosen.equals(repeated)) {
      Messages.addError("reset:repeatedPassword", "The two new passwords are not the same.");
      return;
    }
    PasswordResets.Outcome outcome = resets.reset(token, chosen);
    if (outcome instanceof PasswordResets.Done) {
      Messages.addFlashGlobalInfo(DONE);
      Faces.redirect(Pages.LOGIN);
    } else if (outcome instanceof PasswordResets.Refused refused) {
      Messages.addError("reset:newPassword", refused.message());
    } else if (outcome instanceof PasswordResets.Busy) {
      Messages.addGlobalError(SignIn.BUSY);
    } else {
      valid = false; // expired, used or superseded meanwhile: the page says so
    }
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getNewPassword() {
    return null;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getRepeatedPassword() {
    return null;
  }

  public void setRepeatedPassword(String repeatedPassword) {
    this.repeatedPassword = repeatedPassword;
  }
}
