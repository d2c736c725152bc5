package dev.portcullis.ticket.web;

import dev.portcullis.platform.ClientAddress;
import dev.portcullis.security.Pages;
import dev.portcullis.security.PendingLogin;
import dev.portcullis.security.SessionLogins;
import dev.portcullis.ticket.RecoveryRequest;
import dev.portcullis.ticket.RecoveryRequests;
import dev.portcullis.web.CurrentAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "Lost your device and your recovery codes?": the request form, for whoever proved the account's
 * password, at the second step of a login or signed in. The request is mailed to the account's
 * address for confirmation; the page then says so.
 */
@Named("recoveryRequest")
@RequestScoped
public class RecoveryRequestPage {

  static final String PASSWORD_FIRST =
      "Enter your email address and password first; then, at the second step, choose \"Lost your"
          + " device and your recovery codes?\".";

  @Inject RecoveryRequests requests;
  @Inject SessionLogins sessions;
  @Inject CurrentAccount me;
  @Inject ClientAddress clientAddress;

  private String what;
  private String reference;
  private String sentTo;
  private Optional<RecoveryRequest> open;

  /** Sends a visitor who has not proven a password (now) to the login page. */
  public void requireAccount() {
    if (accountId().isEmpty()) {
      Messages.addFlashGlobalWarn(PASSWORD_FIRST);
      Faces.redirect(Pages.LOGIN);
    }
  }

  /** The signed-in account, or the one whose password this session's second step proved. */
  private Optional<String> accountId() {
    if (me.isSignedIn()) {
      return Optional.of(me.id());
    }
    PendingLogin pending = sessions.secondStep(Faces.getRequest());
    return pending == null ? Optional.empty() : Optional.of(pending.accountId());
  }

  /** The account's open request past its confirmation (the page shows it instead of the form). */
  public Optional<RecoveryRequest> open() {
    if (open == null) {
      open =
          accountId()
              .flatMap(requests::openFor)
              .filter(r -> r.status() != RecoveryRequest.Status.UNCONFIRMED);
    }
    return open;
  }

  public String getOpenMessage() {
    return open().map(RecoveryRequests::alreadyOpen).orElse("");
  }

  public boolean isFormShown() {
    return sentTo == null && open().isEmpty();
  }

  public void submit() {
    Optional<String> account = accountId();
    if (account.isEmpty()) {
      Messages.addFlashGlobalWarn(PASSWORD_FIRST);
      Faces.redirect(Pages.LOGIN);
      return;
    }
    RecoveryRequests.Submission submission =
        requests.submit(account.get(), what, reference, clientAddress.of(Faces.getRequest()));
    if (submission instanceof RecoveryRequests.Submitted submitted) {
      sentTo = submitted.to();
    } else if (submission instanceof RecoveryRequests.NotSubmitted refused) {
      if (refused.field() == null) {
        Messages.addGlobalError(refused.message());
      } else {
        Messages.addError("request:" + refused.field(), refused.message());
      }
    }
  }

  /** Where the confirmation link went, once the request is filed; else null. */
  public String getSentTo() {
    return sentTo;
  }

  /**
   * When a recovery request removed the signed-in account's factors (within 30 days, while 2FA is
   * still off): the Client Area asks to set it up again. Null otherwise.
   */
  public String getCompletedAt() {
    return me.account()
        .flatMap(a -> requests.completedRecently(a.id()))
        .flatMap(RecoveryRequest::closedAt)
        .map(RecoveryRequests::when)
        .orElse(null);
  }

  public boolean isSignedIn() {
    return me.isSignedIn();
  }

  public String getWhat() {
    return what;
  }

  public void setWhat(String what) {
    this.what = what;
  }

  public String getReference() {
    return reference;
  }

  public void setReference(String reference) {
    this.reference = reference;
  }
}
