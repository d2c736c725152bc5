package dev.portcullis.security.web;

import dev.portcullis.account.EmailAddress;
import dev.portcullis.account.MailedLinks;
import dev.portcullis.platform.ClientAddress;
import dev.portcullis.security.Pages;
import dev.portcullis.security.PasswordResets;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "Forgot your password?": one answer for every well-formed email, whether or not it has an
 * account, before anything was looked up.
 */
@Named("forgot")
@RequestScoped
public class ForgotPasswordPage {

  static final String SENT =
      "If an account has this email address, we sent it a link to choose a new password. The link"
          + " works once, for "
          + MailedLinks.Purpose.PASSWORD_RESET.lifetime().toMinutes()
          + " minutes. Nothing arrived? Check your spam folder, or ask again in a few minutes.";

  @Inject PasswordResets resets;
  @Inject ClientAddress clientAddress;

  private String email;

  public void send() {
    if (EmailAddress.parse(email).isEmpty()) {
      Messages.addError("forgot:email", "Enter your email address, such as name@example.com.");
      return;
    }
    resets.request(email, clientAddress.of(Faces.getRequest()));
    Messages.addFlashGlobalInfo(SENT);
    Faces.redirect(Pages.FORGOT_PASSWORD);
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }
}
