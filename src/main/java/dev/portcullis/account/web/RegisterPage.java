package dev.portcullis.account.web;

import dev.portcullis.account.PasswordHashing;
import dev.portcullis.account.RegisterAccount;
import dev.portcullis.security.Pages;
import dev.portcullis.web.SignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/** Creating an account, then logging straight in with it. */
@Named("register")
@RequestScoped
public class RegisterPage {

  @Inject RegisterAccount registerAccount;
  @Inject SignIn signIn;

  private String email;
  private String name;
  private String password;
  private String confirmation;

  public void register() {
    try {
      registerAccount.register(email, name, password, confirmation);
    } catch (RegisterAccount.Refused refused) {
      Messages.addError("register:" + refused.field(), refused.getMessage());
      return;
    } catch (PasswordHashing.Busy busy) {
      SignIn.tellBusy();
      return;
    } finally {
      confirmation = null;
    }
    AuthenticationStatus status = signIn.withPassword(email, password);
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      Messages.addFlashGlobalInfo(
          "Welcome to Portcullis. Protect your account: open Security Settings and turn on"
              + " Two-Factor Authentication.");
      Faces.redirect(Pages.CLIENT_AREA);
    } else {
      Messages.addFlashGlobalInfo("Your account is ready. Log in with your email and password.");
      Faces.redirect(Pages.LOGIN);
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPassword() {
    return null;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getConfirmation() {
    return null;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }
}
