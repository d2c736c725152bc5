package dev.portcullis.ticket.web;

import dev.portcullis.ticket.RecoveryRequest;
import dev.portcullis.ticket.RecoveryRequests;
import dev.portcullis.web.LinkToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/**
 * The pages the recovery request's mailed links open, without sign-in: one confirms the request,
 * one cancels it. Each says what its one button will do; an expired, used or altered link gets a
 * page that says so, and nothing changes.
 */
@Named("recoveryLink")
@RequestScoped
public class RecoveryLinkPage {

  @Inject RecoveryRequests requests;

  private String token;
  private Optional<RecoveryRequest> toConfirm;
  private Optional<RecoveryRequest> toCancel;
  private RecoveryRequest done;

  public Optional<RecoveryRequest> toConfirm() {
    if (toConfirm == null) {
      toConfirm = requests.toConfirm(token("confirmRecovery"));
    }
    return toConfirm;
  }

  public Optional<RecoveryRequest> toCancel() {
    if (toCancel == null) {
      toCancel = requests.toCancel(token("cancelRecovery"));
    }
    return toCancel;
  }

  private String token(String form) {
    if (token == null) {
      token = LinkToken.read(form);
    }
    return token;
  }

  public boolean isConfirmable() {
    return done == null && toConfirm().isPresent();
  }

  public boolean isCancellable() {
    return done == null && toCancel().isPresent();
  }

  /** What the customer wrote, shown before they confirm. */
  public String getWhatHappened() {
    return toConfirm().or(this::toCancel).map(RecoveryRequest::whatHappened).orElse("");
  }

  public String getEffective() {
    return toCancel().flatMap(RecoveryRequest::effectiveAt).map(RecoveryRequests::when).orElse("");
  }

  public void confirm() {
    done = requests.confirm(token).orElse(null);
    toConfirm = Optional.empty();
  }

  public void cancel() {
    done = requests.cancel(token).orElse(null);
    toCancel = Optional.empty();
  }

  /** Whether this request's click confirmed or cancelled a request. */
  public boolean isDone() {
    return done != null;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }
}
