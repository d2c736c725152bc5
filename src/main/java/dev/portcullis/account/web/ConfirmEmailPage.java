package dev.portcullis.account.web;

import dev.portcullis.account.EmailAddresses;
import dev.portcullis.security.Pages;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.LinkToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The page a confirmation link opens (no sign-in needed): it names the address and confirms it with
 * one button, so that a mail scanner that fetches links confirms nothing. An expired, used or
 * altered link gets a page that says so; nothing changes. Also the Client Area's "send again".
 */
@Named("confirmEmail")
@RequestScoped
public class ConfirmEmailPage {

  @Inject EmailAddresses addresses;
  @Inject CurrentAccount me;

  private String token;
  private Optional<EmailAddresses.Pending> pending;

  /** What the link would confirm, read from the request (the link's or the form's token). */
  public Optional<EmailAddresses.Pending> pending() {
    if (pending == null) {
      if (token == null) {
        token = LinkToken.read("confirm");
      }
      pending = addresses.pending(token);
    }
    return pending;
  }

  public boolean isValid() {
    return pending().isPresent();
  }

  public String getAddress() {
    return pending().map(EmailAddresses.Pending::address).orElse("");
  }

  public boolean isChange() {
    return pending().map(EmailAddresses.Pending::change).orElse(false);
  }

  public void confirm() {
    EmailAddresses.Confirmation outcome = addresses.confirm(token);
    String next = me.isSignedIn() ? Pages.CLIENT_AREA : Pages.LOGIN;
    if (outcome instanceof EmailAddresses.Confirmed confirmed) {
      Messages.addFlashGlobalInfo(
          confirmed.changed()
              ? "Your account's email address is now " + confirmed.address() + "."
              : "Thank you: " + confirmed.address() + " is confirmed.");
      Faces.redirect(next);
    } else if (outcome instanceof EmailAddresses.Taken taken) {
      Messages.addGlobalError(
          "Another account uses "
              + taken.address()
              + " now, so it cannot be yours; nothing changed.");
      pending = Optional.empty();
    } else {
      pending = Optional.empty(); // used or superseded meanwhile: the page says so
    }
  }

  /** "Send again", in the Client Area's notice of an unconfirmed address. */
  public void sendAgain() {
    EmailAddresses.Sent sent = addresses.mailVerificationAgain(me.id());
    if (sent instanceof EmailAddresses.Mailed mailed) {
      Messages.addFlashGlobalInfo(
          "A new link is on its way to " + mailed.to() + "; the older ones no longer work.");
    } else if (sent instanceof EmailAddresses.NotMailed not) {
      Messages.addFlashGlobalWarn(not.message());
    }
    Faces.redirect(Pages.CLIENT_AREA);
  }

  /** Whether the signed-in account's address still waits for its confirmation. */
  public boolean isUnconfirmed() {
    return me.account().map(a -> !a.emailVerified()).orElse(false);
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }
}
