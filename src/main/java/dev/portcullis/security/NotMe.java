package dev.portcullis.security;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.MailedLinks;
import dev.portcullis.account.MailedLinks.Purpose;
import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * "This wasn't me", the link in every security notice: single use, valid 7 days, no sign-in needed.
 * Its one confirming click ends every session of the account on every node, blocks sign-in until
 * the password is reset through a mailed link (one is mailed at once), records the event and tells
 * the administrators: a WARNING in the log and the admin console's list.
 */
@ApplicationScoped
public class NotMe {

  private static final Logger LOG = Logger.getLogger(NotMe.class.getName());

  @Inject MailedLinks links;
  @Inject Accounts accounts;
  @Inject PasswordResets resets;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  /** A new link for a notice to the account (in the caller's transaction). */
  public String issue(String accountId) {
    return links.issue(accountId, Purpose.NOT_ME, null, clock.instant());
  }

  /** The address of the account {@code token} would secure, if it is a valid link now. */
  public Optional<String> accountEmail(String token) {
    return links
        .peek(token, Purpose.NOT_ME, clock.instant())
        .flatMap(opened -> accounts.find(opened.accountId()))
        .map(Account::email);
  }

  /**
   * Uses {@code token}: the account is signed out everywhere and blocked until its password is
   * reset; a reset link is mailed. Returns the account's address, or empty for an invalid link.
   */
  @Transactional
  public Optional<String> secure(String token, String clientAddress) {
    Instant now = clock.instant();
    Optional<Account> account =
        links.use(token, Purpose.NOT_ME, now).flatMap(opened -> accounts.find(opened.accountId()));
    if (account.isEmpty()) {
      return Optional.empty();
    }
    String id = account.get().id();
    accounts.blockSignIn(id, now);
    events.fire(new SecurityEvent(id, SecurityEvent.Type.SIGN_IN_BLOCKED, "from " + clientAddress));
    resets.mailLink(account.get().email(), clientAddress);
    LOG.warning(
        () ->
            "Account "
                + id
                + " reported a change it did not make (\"This wasn't me\"): signed out everywhere,"
                + " sign-in blocked until its password is reset");
    return Optional.of(account.get().email());
  }
}
