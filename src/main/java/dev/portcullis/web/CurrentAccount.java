package dev.portcullis.web;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/** The account of the signed-in caller, for the pages of the client area. */
@Named("me")
@RequestScoped
public class CurrentAccount {

  @Inject SecurityContext securityContext;
  @Inject Accounts accounts;

  private Optional<Account> account;

  /** Returns the signed-in account, or empty for a visitor without a completed login. */
  public Optional<Account> account() {
    if (account == null) {
      Principal caller = securityContext.getCallerPrincipal();
      account = caller == null ? Optional.empty() : accounts.find(caller.getName());
    }
    return account;
  }

  /**
   * Returns the signed-in account's id.
   *
   * @throws IllegalStateException if nobody is signed in (the client area's constraint prevents it)
   */
  public String id() {
    return account()
        .map(Account::id)
        .orElseThrow(() -> new IllegalStateException("nobody is signed in"));
  }

  public boolean isSignedIn() {
    return account().isPresent();
  }

  public String getDisplayName() {
    return account().map(Account::displayName).orElse("");
  }

  public String getEmail() {
    return account().map(Account::email).orElse("");
  }
}
