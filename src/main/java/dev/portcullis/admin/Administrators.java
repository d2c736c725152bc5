package dev.portcullis.admin;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.EmailAddress;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.platform.DatabaseMigrations;
import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The administrators: the accounts whose emails the operator lists in {@code
 * portcullis.admin.emails}. There is no built-in administrator and no default password: the
 * operator registers an account like any customer, turns on two-factor authentication, and lists
 * its email. Removing an email from the setting takes the role away at the next login (and every
 * admin action checks the list again).
 */
@ApplicationScoped
public class Administrators implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(Administrators.class.getName());

  @Inject Accounts accounts;
  @Inject SecondFactors factors;

  @Inject
  @ConfigProperty(name = "portcullis.admin.emails")
  Optional<List<String>> configured;

  private Set<String> emails;

  /** The listed emails, normalized like account emails; a malformed one stops the start. */
  Set<String> emails() {
    if (emails == null) {
      emails =
          configured.orElse(List.of()).stream()
              .map(String::strip)
              .filter(e -> !e.isEmpty())
              .map(
                  e ->
                      EmailAddress.parse(e)
                          .orElseThrow(
                              () ->
                                  new IllegalArgumentException(
                                      "portcullis.admin.emails: \""
                                          + e
                                          + "\" is not an email address"))
                          .value())
              .collect(Collectors.toUnmodifiableSet());
    }
    return emails;
  }

  /** A malformed email in the list stops the start. */
  @Override
  public void check() {
    emails();
  }

  /**
   * Returns whether the account's address is listed, confirmed or not: the 2FA policy for
   * administrators applies to it (a requirement grants nothing).
   */
  public boolean isListed(String accountId) {
    return !emails().isEmpty()
        && accounts.find(accountId).map(a -> emails().contains(a.email())).orElse(false);
  }

  /**
   * Returns whether the account is an administrator now: its address is listed and was confirmed by
   * a mailed link (whoever registers a listed address first gets nothing before that).
   */
  public boolean isAdministrator(String accountId) {
    return !emails().isEmpty()
        && accounts
            .find(accountId)
            .map(a -> a.emailVerified() && emails().contains(a.email()))
            .orElse(false);
  }

  /** Returns whether the account is an administrator with two-factor authentication on. */
  public boolean mayAdminister(String accountId) {
    return isAdministrator(accountId) && factors.enabled(accountId);
  }

  /**
   * Says at start which listed administrators have an account, so the operator sees a typo at once.
   */
  void report(
      @Observes @Priority(DatabaseMigrations.AT_STARTUP + 20) @Initialized(ApplicationScoped.class)
          Object context) {
    if (emails().isEmpty()) {
      LOG.info(
          "No administrators: set portcullis.admin.emails to the email of an account to open the admin console");
      return;
    }
    for (String email : emails()) {
      Optional<Account> account = accounts.findByEmail(email);
      LOG.info(
          () ->
              account.isPresent()
                  ? "Administrator "
                      + email
                      + ": account registered "
                      + account.get().createdAt()
                      + (account.get().emailVerified()
                          ? ""
                          : "; its address is not confirmed yet (the mailed link does it)")
                  : "Administrator " + email + ": no account yet; register it with this email");
    }
  }
}
