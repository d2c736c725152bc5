package dev.portcullis.account;

import dev.portcullis.account.MailedLinks.Purpose;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.mail.MailSettings;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.mail.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Confirming an account's email address: a link mailed at registration (valid 24 hours, single use,
 * only the newest works), "send again" at most once a minute and {@link #MAX_PER_DAY} times a day,
 * and the change of address, which needs the new address to confirm (the old one is told, by the
 * notice of {@link SecurityEvent.Type#EMAIL_CHANGE_REQUESTED}). An address becomes the account's
 * only when its link is opened, and only if no other account took it meanwhile.
 */
@ApplicationScoped
public class EmailAddresses {

  /** Links (to confirm or to change the address) an account can have mailed in 24 hours. */
  public static final int MAX_PER_DAY = 5;

  /** The least time between two links. */
  public static final Duration BETWEEN = Duration.ofMinutes(1);

  @Inject Accounts accounts;
  @Inject MailedLinks links;
  @Inject Outbox outbox;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  /** What came of asking for a link. */
  public sealed interface Sent {}

  /** The link is in the outbox. */
  public record Mailed(String to) implements Sent {}

  /** Not mailed: the message says why and when to try again. */
  public record NotMailed(String message) implements Sent {}

  /** What a confirmation link does when opened. */
  public sealed interface Confirmation {}

  /** The address is the account's, confirmed. */
  public record Confirmed(String address, boolean changed) implements Confirmation {}

  /** Expired, used, superseded or not a link of ours; nothing changed. */
  public record InvalidLink() implements Confirmation {}

  /** Another account has the address now; nothing changed. */
  public record Taken(String address) implements Confirmation {}

  /** What a link would confirm, before it is used. */
  public record Pending(String accountId, String address, boolean change) {}

  /**
   * Mails the link that confirms the account's address (at registration), in the caller's
   * transaction.
   */
  @Transactional
  public void mailVerification(Account account) {
    mailLink("verify-email", account, Purpose.VERIFY_EMAIL, account.email());
  }

  /**
   * Issues a link of {@code purpose} for {@code address} and mails it there with {@code template}.
   */
  private void mailLink(String template, Account account, Purpose purpose, String address) {
    String token = links.issue(account.id(), purpose, address, clock.instant());
    outbox.enqueue(
        templates.render(
            template,
            address,
            Map.of(
                "name", account.displayName(),
                "link", settings.link("faces/email/confirm.xhtml?token=" + token),
                "hours", Long.toString(purpose.lifetime().toHours()))));
  }

  /** "Send again": a new link to the account's address, unless it is confirmed or too soon. */
  @Transactional
  public Sent mailVerificationAgain(String accountId) {
    Account account = accounts.find(accountId).orElseThrow();
    if (account.emailVerified()) {
      return new NotMailed("Your email address is already confirmed.");
    }
    Optional<String> tooMany = tooMany(accountId, Purpose.VERIFY_EMAIL);
    if (tooMany.isPresent()) {
      return new NotMailed(tooMany.get());
    }
    mailVerification(account);
    // not at registration: the audit trail writes in a transaction of its own, before the account
    events.fire(SecurityEvent.of(account.id(), SecurityEvent.Type.EMAIL_VERIFICATION_MAILED));
    return new Mailed(account.email());
  }

  /**
   * Asks to change the account's address to {@code typed}: the new address gets a link that makes
   * the change; the old one a notice. The caller checked that it is the account's owner.
   */
  @Transactional
  public Sent requestChange(String accountId, String typed) {
    Optional<String> problem = EmailAddress.problemWith(typed);
    if (problem.isPresent()) {
      return new NotMailed(problem.get());
    }
    EmailAddress address = EmailAddress.parse(typed).orElseThrow();
    Account account = accounts.find(accountId).orElseThrow();
    if (address.value().equals(account.email())) {
      return new NotMailed("This is your address already; type the new one.");
    }
    if (accounts.findByEmail(address.value()).isPresent()) {
      return new NotMailed("An account with this email already exists; use another email.");
    }
    Optional<String> tooMany = tooMany(accountId, Purpose.CHANGE_EMAIL);
    if (tooMany.isPresent()) {
      return new NotMailed(tooMany.get());
    }
    mailLink("change-email", account, Purpose.CHANGE_EMAIL, address.value());
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.EMAIL_CHANGE_REQUESTED, "to " + address.value()));
    return new Mailed(address.value());
  }

  /** At most {@link #MAX_PER_DAY} links of both kinds a day, one of {@code kind} a minute. */
  private Optional<String> tooMany(String accountId, Purpose kind) {
    Instant now = clock.instant();
    long today =
        links.issuedSince(accountId, Purpose.VERIFY_EMAIL, now.minus(Duration.ofDays(1)))
            + links.issuedSince(accountId, Purpose.CHANGE_EMAIL, now.minus(Duration.ofDays(1)));
    if (today >= MAX_PER_DAY) {
      return Optional.of(
          "You asked for "
              + MAX_PER_DAY
              + " links in the last 24 hours; try again tomorrow, and check your spam folder.");
    }
    Optional<Instant> last = links.lastIssued(accountId, kind);
    if (last.isPresent() && last.get().plus(BETWEEN).isAfter(now)) {
      return Optional.of(
          "A link was mailed less than a minute ago; wait for it (and check your spam folder)"
              + " before asking again.");
    }
    return Optional.empty();
  }

  /** What {@code token} would confirm now, without using it. */
  public Optional<Pending> pending(String token) {
    Instant now = clock.instant();
    return links
        .peek(token, Purpose.VERIFY_EMAIL, now)
        .filter(this::stillTheAccountsAddress)
        .map(o -> new Pending(o.accountId(), o.detail(), false))
        .or(
            () ->
                links
                    .peek(token, Purpose.CHANGE_EMAIL, now)
                    .map(o -> new Pending(o.accountId(), o.detail(), true)));
  }

  /** Uses {@code token}: the address it was mailed to becomes the account's, confirmed. */
  @Transactional
  public Confirmation confirm(String token) {
    Optional<Pending> pending = pending(token);
    if (pending.isEmpty()) {
      return new InvalidLink();
    }
    Instant now = clock.instant();
    Purpose purpose = pending.get().change() ? Purpose.CHANGE_EMAIL : Purpose.VERIFY_EMAIL;
    if (links.use(token, purpose, now).isEmpty()) {
      return new InvalidLink(); // used meanwhile, in another tab
    }
    Account account = accounts.find(pending.get().accountId()).orElseThrow();
    EmailAddress address = EmailAddress.parse(pending.get().address()).orElseThrow();
    if (!pending.get().change()) {
      account.confirmEmail(address, now);
      events.fire(SecurityEvent.of(account.id(), SecurityEvent.Type.EMAIL_VERIFIED));
      return new Confirmed(address.value(), false);
    }
    Optional<Account> holder = accounts.findByEmail(address.value());
    if (holder.isPresent()) {
      return new Taken(address.value());
    }
    String old = account.email();
    // fired before the change: its notice goes to the old address, with "This wasn't me"
    events.fire(
        new SecurityEvent(
            account.id(),
            SecurityEvent.Type.EMAIL_CHANGED,
            "from " + old + " to " + address.value()));
    account.confirmEmail(address, now);
    return new Confirmed(address.value(), true);
  }

  private boolean stillTheAccountsAddress(MailedLinks.Opened opened) {
    return accounts
        .find(opened.accountId())
        .map(a -> a.email().equals(opened.detail()))
        .orElse(false);
  }
}
