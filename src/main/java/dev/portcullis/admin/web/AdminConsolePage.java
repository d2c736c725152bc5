package dev.portcullis.admin.web;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.admin.AdminActions;
import dev.portcullis.audit.AuditEntry;
import dev.portcullis.audit.AuditTrail;
import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.SecondStepCounter;
import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.security.Pages;
import dev.portcullis.security.Reauthenticate;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.TypedProof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * The admin console: find accounts by email, and for one account its factors, its recent security
 * activity, and the two actions (reset 2FA with a reason and the administrator's own password +
 * code; unlock a locked second step). Request-scoped: passwords and codes never outlive the
 * request.
 */
@Named("adminConsole")
@RequestScoped
public class AdminConsolePage {

  static final int RESULTS = 50;
  static final int EVENTS = 30;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Inject CurrentAccount me;
  @Inject Accounts accounts;
  @Inject AdminActions actions;
  @Inject AuditTrail trail;
  @Inject RecoveryCodes recoveryCodes;
  @Inject TypedProof proof;
  @Inject SecondFactors factors;
  @Inject SecondStepCounter secondStep;

  private String query;
  private String reason;
  private Optional<Account> account;
  private List<Account> results;
  private final java.util.Map<String, Boolean> locked = new java.util.HashMap<>();

  /** The accounts whose email contains the query (none for an empty query). */
  public List<Account> getResults() {
    if (results == null) {
      String q = query == null ? "" : query.strip();
      results = q.isEmpty() || q.length() > 254 ? List.of() : accounts.search(q, RESULTS);
    }
    return results;
  }

  /** The accounts blocked by "This wasn't me", most recent first (at most 50). */
  public List<Account> getBlocked() {
    if (blocked == null) {
      blocked = accounts.blocked(50);
    }
    return blocked;
  }

  private List<Account> blocked;

  public boolean isTooMany() {
    return getResults().size() >= RESULTS;
  }

  /**
   * The account the page is about: the request parameter {@code id}, from {@code ?id=} on a GET and
   * from the form's hidden field on a postback (a request-scoped page keeps nothing between
   * requests).
   */
  public Optional<Account> account() {
    if (account == null) {
      String accountId = Faces.getRequestParameter("id");
      account =
          accountId == null || accountId.length() > 36
              ? Optional.empty()
              : accounts.find(accountId);
    }
    return account;
  }

  public Account getAccount() {
    return account().orElse(null);
  }

  public boolean twoFactorOn(Account a) {
    return factors.enabled(a.id());
  }

  /** Whether the account's second step is locked now; asked once per account and request. */
  public boolean locked(Account a) {
    return locked.computeIfAbsent(a.id(), id -> actions.locked(a));
  }

  /** Until when the account's second step is locked (null when it never was). */
  public Instant getLockedUntil() {
    return account().flatMap(a -> secondStep.lockedUntil(a.id())).orElse(null);
  }

  /** The account's wrong codes in a row so far. */
  public int getFailures() {
    return account().map(a -> secondStep.failuresOf(a.id())).orElse(0);
  }

  /** The account's active second factors (no secret in them). */
  public List<FactorSummary> getFactors() {
    return account().map(a -> factors.of(a.id())).orElse(List.of());
  }

  public int getRecoveryCodesLeft() {
    return account().map(a -> recoveryCodes.remaining(a.id())).orElse(0);
  }

  public List<AuditEntry> getEvents() {
    return account().map(a -> trail.recent(a.id(), EVENTS)).orElse(List.of());
  }

  public String when(Instant instant) {
    return instant == null ? "never" : WHEN.format(instant);
  }

  /**
   * Reset 2FA: the reason first (nothing is spent on a form that cannot succeed), then the proof.
   */
  public void resetTwoFactor() {
    Optional<Account> target = account();
    if (target.isEmpty()) {
      Messages.addGlobalError("That account does not exist (any more).");
      return;
    }
    try {
      AdminActions.checkReasonOf(reason);
    } catch (AdminActions.Refused refused) {
      Messages.addError("reset:reason", refused.getMessage());
      return;
    }
    if (proof.check() instanceof Reauthenticate.Refused refused) {
      Messages.addError("reset:" + refused.field(), refused.message());
      return;
    }
    try {
      actions.resetTwoFactor(me.id(), target.get().id(), reason);
    } catch (AdminActions.Refused refused) {
      Messages.addGlobalError(refused.getMessage());
      return;
    }
    Messages.addFlashGlobalInfo(
        "Two-Factor Authentication of "
            + target.get().email()
            + " is reset and its sessions are ended.");
    backToAccount(target.get());
  }

  public void unlock() {
    Optional<Account> target = account();
    if (target.isEmpty()) {
      Messages.addGlobalError("That account does not exist (any more).");
      return;
    }
    try {
      actions.unlock(me.id(), target.get().id());
    } catch (AdminActions.Refused refused) {
      Messages.addGlobalError(refused.getMessage());
      return;
    }
    Messages.addFlashGlobalInfo("The second step of " + target.get().email() + " is unlocked.");
    backToAccount(target.get());
  }

  private static void backToAccount(Account account) {
    Faces.redirect(Pages.adminAccount(account.id()));
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
