package dev.portcullis.ticket.web;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.security.Pages;
import dev.portcullis.security.Reauthenticate;
import dev.portcullis.ticket.RecoveryRequest;
import dev.portcullis.ticket.RecoveryRequests;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.TypedProof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The administrators' side of recovery requests in the admin console: the list of requests under
 * review, and on an account's page its open request with "Approve" (the reason, the administrator's
 * password and code) and "Reject" (the reason). The account is the request parameter {@code id}, as
 * on the rest of that page.
 */
@Named("recoveryReview")
@RequestScoped
public class RecoveryReviewPage {

  static final int LISTED = 50;

  @Inject RecoveryRequests requests;
  @Inject Accounts accounts;
  @Inject CurrentAccount me;
  @Inject TypedProof proof;

  private String reason;
  private List<RecoveryRequest> underReview;
  private Optional<RecoveryRequest> open;

  /** Confirmed requests waiting for a decision, and approved ones waiting for their delay. */
  public List<RecoveryRequest> getUnderReview() {
    if (underReview == null) {
      underReview = requests.underReview(LISTED);
    }
    return underReview;
  }

  /** The open request of the page's account, past its confirmation, if any. */
  public Optional<RecoveryRequest> open() {
    if (open == null) {
      String id = Faces.getRequestParameter("id");
      open =
          id == null || id.length() > 36
              ? Optional.empty()
              : requests.openFor(id).filter(r -> r.status() != RecoveryRequest.Status.UNCONFIRMED);
    }
    return open;
  }

  public RecoveryRequest getOpen() {
    return open().orElse(null);
  }

  public boolean isAwaitingDecision() {
    return open().filter(r -> r.status() == RecoveryRequest.Status.CONFIRMED).isPresent();
  }

  public String email(String accountId) {
    return accountId == null ? "" : accounts.find(accountId).map(Account::email).orElse("");
  }

  public String when(Instant instant) {
    return instant == null ? "" : RecoveryRequests.when(instant);
  }

  /** Approve: the reason first (nothing is spent on a form that cannot succeed), then the proof. */
  public void approve() {
    Optional<RecoveryRequest> request = toDecide();
    if (request.isEmpty()) {
      return;
    }
    if (proof.check() instanceof Reauthenticate.Refused refused) {
      Messages.addError("review:" + refused.field(), refused.message());
      return;
    }
    try {
      RecoveryRequest approved = requests.approve(me.id(), request.get().id(), reason);
      Messages.addFlashGlobalInfo(
          "Approved. The second factors of "
              + email(approved.accountId())
              + " will be removed at "
              + when(approved.effectiveAt().orElseThrow())
              + " unless the owner cancels.");
      Faces.redirect(Pages.adminAccount(approved.accountId()));
    } catch (RecoveryRequests.Refused refused) {
      Messages.addGlobalError(refused.getMessage());
    }
  }

  public void reject() {
    Optional<RecoveryRequest> request = toDecide();
    if (request.isEmpty()) {
      return;
    }
    try {
      requests.reject(me.id(), request.get().id(), reason);
      Messages.addFlashGlobalInfo(
          "Rejected. " + email(request.get().accountId()) + " is told why by email.");
      Faces.redirect(Pages.adminAccount(request.get().accountId()));
    } catch (RecoveryRequests.Refused refused) {
      Messages.addGlobalError(refused.getMessage());
    }
  }

  /**
   * The request a decision is about, if it is still open and the reason is acceptable; otherwise
   * empty, with the message on the page.
   */
  private Optional<RecoveryRequest> toDecide() {
    Optional<RecoveryRequest> request = open();
    if (request.isEmpty()) {
      Messages.addGlobalError("This request was decided or cancelled meanwhile.");
      return request;
    }
    try {
      RecoveryRequests.checkReason(reason);
    } catch (RecoveryRequests.Refused refused) {
      Messages.addError("review:reason", refused.getMessage());
      return Optional.empty();
    }
    return request;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
