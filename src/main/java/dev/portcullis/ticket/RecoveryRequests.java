package dev.portcullis.ticket;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.MailedLinks;
import dev.portcullis.account.MailedLinks.Purpose;
import dev.portcullis.account.SignInRequirementsRaised;
import dev.portcullis.admin.AdminActions;
import dev.portcullis.admin.Administrators;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.SecondStepCounter;
import dev.portcullis.mail.MailSettings;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.mail.Outbox;
import dev.portcullis.platform.PlainText;
import dev.portcullis.platform.StartupCheck;
import dev.portcullis.security.NotMe;
import dev.portcullis.security.Pages;
import dev.portcullis.ticket.RecoveryRequest.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The account recovery request, the help article's "Submit a ticket", for a customer who lost every
 * second factor and every recovery code. It is asked for after the password (at the second step) or
 * from a signed-in session, confirmed by a link mailed to the account's address, and reviewed by an
 * administrator, who approves or rejects it with a reason. An approved request waits {@code
 * portcullis.recovery.delay-hours} (24 by default); the address is told at the approval and again
 * half-way, each time with a one-click cancel link. Only then are the factors and recovery codes
 * removed, the account's sessions ended, and the owner asked to set up Two-Factor Authentication
 * again. "This wasn't me" cancels every open request of the account. Every step is in the activity
 * of the account and of the administrator.
 */
@ApplicationScoped
public class RecoveryRequests implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(RecoveryRequests.class.getName());

  /** Requests an account can make in 24 hours (each mails a link). */
  public static final int MAX_PER_DAY = 3;

  public static final int WHAT_MIN = 20;
  public static final int WHAT_MAX = 1000;
  public static final int REFERENCE_MAX = 100;
  static final int MAX_DELAY_HOURS = 14 * 24;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Inject RecoveryTickets tickets;
  @Inject Accounts accounts;
  @Inject Administrators administrators;
  @Inject SecondFactors factors;
  @Inject SecondStepCounter secondStep;
  @Inject MailedLinks links;
  @Inject NotMe notMe;
  @Inject Outbox outbox;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;
  @Inject Event<SignInRequirementsRaised> raised;

  @Inject
  @ConfigProperty(name = "portcullis.recovery.delay-hours", defaultValue = "24")
  int delayHours;

  /** Why a request or a decision was refused: the field it is about (or null) and the message. */
  public static final class Refused extends RuntimeException {
    private final String field;

    Refused(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    /** The form field the message belongs to, or null for the whole form. */
    public String field() {
      return field;
    }
  }

  /** A wrong delay stops the start, naming the setting. */
  @Override
  public void check() {
    delay();
  }

  /** How long an approved request waits before it acts. */
  public Duration delay() {
    if (delayHours < 0 || delayHours > MAX_DELAY_HOURS) {
      throw new IllegalArgumentException(
          "portcullis.recovery.delay-hours must be between 0 and "
              + MAX_DELAY_HOURS
              + ", not "
              + delayHours);
    }
    return Duration.ofHours(delayHours);
  }

  /** What came of a request. */
  public sealed interface Submission {}

  /** Filed; the confirmation link went to {@code to}. */
  public record Submitted(String to) implements Submission {}

  /** Not filed: the field it is about (or null for the whole form) and why. */
  public record NotSubmitted(String field, String message) implements Submission {}

  /**
   * Files a request for the account (whose password was just proven) and mails the link that
   * confirms it; not when the text is not acceptable, 2FA is off, a request is open or too many
   * were made today (answered, not thrown, so that nothing is rolled back or reported).
   */
  @Transactional
  public Submission submit(
      String accountId, String whatHappened, String reference, String clientAddress) {
    String what;
    String ref;
    try {
      what = checkWhatHappened(whatHappened);
      ref = checkReference(reference);
    } catch (Refused refused) {
      return new NotSubmitted(refused.field(), refused.getMessage());
    }
    Instant now = now();
    Account account = accounts.find(accountId).orElseThrow();
    if (!factors.enabled(accountId)) {
      return new NotSubmitted(
          null,
          "Two-Factor Authentication is off for this account: there is nothing to recover. Sign in"
              + " with your password.");
    }
    Optional<RecoveryRequest> open = tickets.open(accountId, now);
    if (open.isPresent() && open.get().status() != Status.UNCONFIRMED) {
      return new NotSubmitted(null, alreadyOpen(open.get()));
    }
    if (tickets.createdSince(accountId, now.minus(Duration.ofDays(1))) >= MAX_PER_DAY) {
      return new NotSubmitted(
          null,
          "You made " + MAX_PER_DAY + " requests today. Try again tomorrow, or call support.");
    }
    RecoveryRequest request = tickets.create(accountId, what, ref, clientAddress, now);
    String token = links.issue(accountId, Purpose.RECOVERY_CONFIRM, request.id(), now);
    outbox.enqueue(
        templates.render(
            "recovery-confirm",
            account.email(),
            Map.of(
                "name", account.displayName(),
                "link", settings.link(Pages.CONFIRM_RECOVERY + "?token=" + token),
                "hours", Long.toString(Purpose.RECOVERY_CONFIRM.lifetime().toHours()),
                "notMe", settings.link(Pages.NOT_ME + "?token=" + notMe.issue(accountId)),
                "days", Long.toString(Purpose.NOT_ME.lifetime().toDays()))));
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.RECOVERY_REQUESTED, "from " + clientAddress));
    return new Submitted(account.email());
  }

  /** What the confirmation link {@code token} would confirm, before it is used. */
  public Optional<RecoveryRequest> toConfirm(String token) {
    return peek(token, Purpose.RECOVERY_CONFIRM).filter(r -> r.status() == Status.UNCONFIRMED);
  }

  /** Uses the confirmation link: the request goes to the administrators. Empty if not valid. */
  @Transactional
  public Optional<RecoveryRequest> confirm(String token) {
    Optional<RecoveryRequest> request = use(token, Purpose.RECOVERY_CONFIRM, tickets::confirm);
    request.ifPresent(
        r -> {
          events.fire(SecurityEvent.of(r.accountId(), SecurityEvent.Type.RECOVERY_CONFIRMED));
          LOG.info(
              () ->
                  "Account "
                      + r.accountId()
                      + " confirmed an account recovery request; it awaits an administrator");
        });
    return request;
  }

  /**
   * An administrator approves the confirmed request {@code requestId}: it takes effect after the
   * delay, unless the owner cancels it. The caller checked the administrator's password and code.
   */
  @Transactional
  public RecoveryRequest approve(String adminId, String requestId, String reason) {
    String why = checkReason(reason);
    RecoveryRequest request = underReview(adminId, requestId);
    Instant now = now();
    Instant effective = now.plus(delay());
    if (!tickets.approve(request.id(), adminId, why, now, effective)) {
      throw new Refused(null, "This request was decided or cancelled meanwhile.");
    }
    Account account = accounts.find(request.accountId()).orElseThrow();
    mailWithCancelLink("recovery-approved", account, request.id(), why, effective, now);
    events.fire(
        new SecurityEvent(
            account.id(),
            SecurityEvent.Type.RECOVERY_APPROVED,
            "reason: " + why + "; factors removed at " + WHEN.format(effective)));
    events.fire(
        new SecurityEvent(
            adminId,
            SecurityEvent.Type.ADMIN_ACTION,
            "approved the recovery request of " + account.email() + ": " + why));
    LOG.info(
        () ->
            "Administrator "
                + adminId
                + " approved the account recovery request of account "
                + account.id()
                + "; it takes effect at "
                + effective);
    return tickets.find(request.id()).orElseThrow();
  }

  /** An administrator rejects the confirmed request {@code requestId}; the owner is told why. */
  @Transactional
  public void reject(String adminId, String requestId, String reason) {
    String why = checkReason(reason);
    RecoveryRequest request = underReview(adminId, requestId);
    if (!tickets.reject(request.id(), adminId, why, now())) {
      throw new Refused(null, "This request was decided or cancelled meanwhile.");
    }
    Account account = accounts.find(request.accountId()).orElseThrow();
    // the notice of this event tells the owner, with the reason
    events.fire(
        new SecurityEvent(account.id(), SecurityEvent.Type.RECOVERY_REJECTED, "reason: " + why));
    events.fire(
        new SecurityEvent(
            adminId,
            SecurityEvent.Type.ADMIN_ACTION,
            "rejected the recovery request of " + account.email() + ": " + why));
    LOG.info(
        () ->
            "Administrator "
                + adminId
                + " rejected the account recovery request of account "
                + account.id());
  }

  /** What the cancel link {@code token} would cancel, before it is used. */
  public Optional<RecoveryRequest> toCancel(String token) {
    return peek(token, Purpose.RECOVERY_CANCEL).filter(RecoveryRequests::cancellable);
  }

  /** Uses a cancel link: the request stops and changes nothing. Empty if it could not. */
  @Transactional
  public Optional<RecoveryRequest> cancel(String token) {
    Optional<RecoveryRequest> request = use(token, Purpose.RECOVERY_CANCEL, tickets::cancel);
    request.ifPresent(
        r ->
            events.fire(
                new SecurityEvent(
                    r.accountId(),
                    SecurityEvent.Type.RECOVERY_CANCELLED,
                    "with the link mailed to the account's address")));
    return request;
  }

  /** "This wasn't me": whoever knows the password must not get the factors removed either. */
  void onSignInBlocked(@Observes SecurityEvent event) {
    if (event.type() == SecurityEvent.Type.SIGN_IN_BLOCKED
        && tickets.cancelAll(event.accountId(), now()) > 0) {
      events.fire(
          new SecurityEvent(
              event.accountId(), SecurityEvent.Type.RECOVERY_CANCELLED, "by \"This wasn't me\""));
    }
  }

  /** The approved requests whose second mail is due. */
  public List<String> remindersDue() {
    return tickets.remindersDue(now(), delay().dividedBy(2));
  }

  /** Mails the second notice of the approved request {@code id}, once across every node. */
  @Transactional
  public void remind(String id) {
    Instant now = now();
    if (!tickets.markReminded(id, now)) {
      return;
    }
    RecoveryRequest request = tickets.find(id).orElseThrow();
    Account account = accounts.find(request.accountId()).orElseThrow();
    mailWithCancelLink(
        "recovery-reminder",
        account,
        id,
        request.decisionReason(),
        request.effectiveAt().orElseThrow(),
        now);
    events.fire(SecurityEvent.of(account.id(), SecurityEvent.Type.RECOVERY_REMINDED));
  }

  /** The approved requests whose time has come. */
  public List<String> due() {
    return tickets.due(now());
  }

  /**
   * Carries out the approved request {@code id}, once across every node: every factor and recovery
   * code goes, the second step's count and lock are cleared, every session ends, and the owner is
   * asked to set up Two-Factor Authentication again (required at once where the policy applies).
   */
  @Transactional
  public void complete(String id) {
    Instant now = now();
    if (!tickets.complete(id, now)) {
      return;
    }
    String accountId = tickets.find(id).orElseThrow().accountId();
    factors.removeAll(accountId);
    secondStep.reset(accountId);
    raised.fire(
        new SignInRequirementsRaised(
            accountId, "Two-Factor Authentication removed by an account recovery request"));
    accounts.requireSecondFactorBy(accountId, now);
    events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.RECOVERY_COMPLETED));
    LOG.info(
        () -> "Account recovery request " + id + " removed the second factors of " + accountId);
  }

  /** The account's open request, if any (for the request page and the admin console). */
  public Optional<RecoveryRequest> openFor(String accountId) {
    return tickets.open(accountId, now());
  }

  /**
   * The account's request that removed its factors within the last 30 days, while 2FA is still off:
   * the Client Area asks the owner to set it up again.
   */
  public Optional<RecoveryRequest> completedRecently(String accountId) {
    Instant since = now().minus(Duration.ofDays(30));
    return tickets
        .newest(accountId)
        .filter(r -> r.status() == Status.COMPLETED)
        .filter(r -> r.closedAt().orElseThrow().isAfter(since))
        .filter(r -> !factors.enabled(accountId));
  }

  /** The requests awaiting a decision or their delay, longest waiting first. */
  public List<RecoveryRequest> underReview(int max) {
    return tickets.underReview(max);
  }

  /** The message for a request that is already open. */
  public static String alreadyOpen(RecoveryRequest open) {
    return switch (open.status()) {
      case CONFIRMED ->
          "Your request of "
              + WHEN.format(open.createdAt())
              + " is waiting for an administrator. You will get an email when it is decided.";
      case APPROVED ->
          "Your request was approved: your second factors will be removed at "
              + WHEN.format(open.effectiveAt().orElseThrow())
              + ". The email we sent has a link to cancel it.";
      default -> "You have a request waiting for its confirmation: open the link we mailed you.";
    };
  }

  /** Formats {@code instant} the way the request's pages and mails do. */
  public static String when(Instant instant) {
    return WHEN.format(instant);
  }

  private void mailWithCancelLink(
      String template, Account account, String id, String reason, Instant effective, Instant now) {
    String token = links.issue(account.id(), Purpose.RECOVERY_CANCEL, id, now);
    outbox.enqueue(
        templates.render(
            template,
            account.email(),
            Map.of(
                "name", account.displayName(),
                "reason", reason,
                "effective", WHEN.format(effective),
                "cancel", settings.link(Pages.CANCEL_RECOVERY + "?token=" + token))));
  }

  /** The request a mailed link of {@code purpose} is for, without using the link. */
  private Optional<RecoveryRequest> peek(String token, Purpose purpose) {
    return links.peek(token, purpose, now()).flatMap(opened -> tickets.find(opened.detail()));
  }

  /**
   * Uses a mailed link of {@code purpose} and moves its request on with {@code move} (one of the
   * conditional UPDATEs of {@link RecoveryTickets}); the request as it is now, or empty when the
   * link or the move did not work.
   */
  private Optional<RecoveryRequest> use(
      String token, Purpose purpose, java.util.function.BiPredicate<String, Instant> move) {
    Instant now = now();
    return links
        .use(token, purpose, now)
        .map(MailedLinks.Opened::detail)
        .filter(id -> move.test(id, now))
        .flatMap(tickets::find);
  }

  private RecoveryRequest underReview(String adminId, String requestId) {
    if (adminId == null || !administrators.mayAdminister(adminId)) {
      throw new Refused(
          null, "Only an administrator with Two-Factor Authentication on can do this.");
    }
    RecoveryRequest request =
        tickets
            .find(requestId)
            .filter(r -> r.status() == Status.CONFIRMED)
            .orElseThrow(
                () -> new Refused(null, "This request was decided or cancelled meanwhile."));
    if (request.accountId().equals(adminId)) {
      throw new Refused(null, "Another administrator must decide on your own request.");
    }
    return request;
  }

  private static boolean cancellable(RecoveryRequest r) {
    return r.status() == Status.APPROVED || r.status() == Status.CONFIRMED;
  }

  private Instant now() {
    // whole milliseconds, as every database keeps them (MariaDB's DATETIME(6) keeps microseconds)
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The text of "what happened", checked: plain text, several lines allowed. */
  public static String checkWhatHappened(String text) {
    String what = PlainText.normalize(text).replace("\r\n", "\n");
    if (what.length() < WHAT_MIN) {
      throw new Refused(
          "what", "Tell us in a few words what happened (at least " + WHAT_MIN + " characters).");
    }
    if (what.length() > WHAT_MAX) {
      throw new Refused("what", "Keep it under " + (WHAT_MAX + 1) + " characters.");
    }
    if (PlainText.hasInvisible(what.replace("\n", ""))) {
      throw new Refused("what", "Write plain text, please.");
    }
    return what;
  }

  /** The optional phone number or ticket reference, checked: one line of plain text, or null. */
  public static String checkReference(String text) {
    String reference = PlainText.normalize(text);
    if (reference.isEmpty()) {
      return null;
    }
    if (reference.length() > REFERENCE_MAX) {
      throw new Refused("reference", "Keep it under " + (REFERENCE_MAX + 1) + " characters.");
    }
    if (PlainText.hasInvisible(reference)) {
      throw new Refused("reference", "Write one line of plain text, please.");
    }
    return reference;
  }

  /** The administrator's reason, checked as for every admin action. */
  public static String checkReason(String reason) {
    try {
      return AdminActions.checkReasonOf(reason);
    } catch (AdminActions.Refused refused) {
      throw new Refused("reason", refused.getMessage());
    }
  }
}
