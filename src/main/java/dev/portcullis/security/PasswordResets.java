package dev.portcullis.security;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.MailedLinks;
import dev.portcullis.account.MailedLinks.Purpose;
import dev.portcullis.account.PasswordHashing;
import dev.portcullis.account.PasswordPolicy;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.mail.MailSettings;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.mail.Outbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Forgot your password?": a link mailed to the account's address opens a form for a new password,
 * once, for 30 minutes ({@link Purpose#PASSWORD_RESET}). Asking for a link gets the same answer in
 * the same time whether or not the email has an account (the work is done after the answer, on the
 * managed executor) and is throttled per email and per client address. Setting the new password
 * does not sign in and never turns 2FA off: the next login asks for the second factor as before.
 * Every other session of the account ends; a notice is mailed.
 */
@ApplicationScoped
public class PasswordResets {

  private static final Logger LOG = Logger.getLogger(PasswordResets.class.getName());

  @Inject Accounts accounts;
  @Inject MailedLinks links;
  @Inject PasswordThrottle throttle;
  @Inject Outbox outbox;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;
  @Inject PasswordResets self;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  /** What came of a new password typed into a link's form. */
  public sealed interface Outcome {}

  /** The password is set; the account must log in with it (and its second factor). */
  public record Done() implements Outcome {}

  /** The link is expired, used, superseded or not a link of ours; nothing changed. */
  public record InvalidLink() implements Outcome {}

  /** The new password does not meet the policy; the link stays valid. */
  public record Refused(String message) implements Outcome {}

  /** Too many passwords are being hashed; the link stays valid. */
  public record Busy() implements Outcome {}

  /**
   * Asks for a link for {@code email}, typed at {@code address}: returns at once, before anything
   * was looked up, so the answer and its time say nothing of whether the email has an account.
   */
  public void request(String email, String address) {
    executor.execute(
        () -> {
          try {
            self.mailLink(email, address);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A password reset request could not be handled", e);
          }
        });
  }

  /** Mails a link if the email has an account and the throttle allows. Not for callers outside. */
  @Transactional
  public void mailLink(String email, String address) {
    if (!throttle.allowResetRequest(email, address)) {
      return;
    }
    Optional<Account> account = accounts.findByEmail(email);
    if (account.isEmpty()) {
      return;
    }
    String token = links.issue(account.get().id(), Purpose.PASSWORD_RESET, null, clock.instant());
    outbox.enqueue(
        templates.render(
            "password-reset",
            account.get().email(),
            Map.of(
                "name", account.get().displayName(),
                "link", settings.link("faces/password/reset.xhtml?token=" + token),
                "minutes", Long.toString(Purpose.PASSWORD_RESET.lifetime().toMinutes()),
                "from", address == null ? "unknown" : address)));
    events.fire(
        new SecurityEvent(
            account.get().id(), SecurityEvent.Type.PASSWORD_RESET_REQUESTED, "from " + address));
  }

  /** Whether {@code token} opens a form now (without using it up). */
  public boolean valid(String token) {
    return links.peek(token, Purpose.PASSWORD_RESET, clock.instant()).isPresent();
  }

  /** Sets {@code newPassword} for the account the link is for, using the link up. */
  public Outcome reset(String token, String newPassword) {
    Optional<Account> account =
        links
            .peek(token, Purpose.PASSWORD_RESET, clock.instant())
            .flatMap(opened -> accounts.find(opened.accountId()));
    if (account.isEmpty()) {
      return new InvalidLink();
    }
    Optional<String> problem =
        PasswordPolicy.problemWith(newPassword == null ? "" : newPassword, account.get().email());
    if (problem.isPresent()) {
      return new Refused(problem.get());
    }
    try {
      return self.useAndSet(token, newPassword);
    } catch (PasswordHashing.Busy busy) {
      return new Busy();
    }
  }

  /** Uses the link up and sets the password, in one transaction. Not for callers outside. */
  @Transactional
  public Outcome useAndSet(String token, String newPassword) {
    Optional<MailedLinks.Opened> opened = links.use(token, Purpose.PASSWORD_RESET, clock.instant());
    if (opened.isEmpty()) {
      return new InvalidLink(); // used meanwhile, in another tab
    }
    accounts.setPassword(opened.get().accountId(), newPassword, SecurityEvent.Type.PASSWORD_RESET);
    return new Done();
  }
}
