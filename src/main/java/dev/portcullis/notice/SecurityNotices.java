package dev.portcullis.notice;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.MailedLinks;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.mail.MailSettings;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.mail.Outbox;
import dev.portcullis.platform.ClientAddress;
import dev.portcullis.security.NotMe;
import dev.portcullis.security.Pages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mails the account's owner a notice of every change to how the account is protected: a factor
 * added or removed, 2FA turned off or reset by an administrator, new recovery codes, a recovery
 * code used (with how many are left), the second step locked or unlocked, the password changed or
 * reset, the address changed (told to the old address), an account recovery request rejected or
 * carried out, a sign-in from a new browser (the one notice the owner can switch off). Each holds
 * its own "This wasn't me" link ({@link NotMe}). The notice is written to the outbox in the
 * transaction of the change, so it exists exactly when the change does; it holds no secret and no
 * code.
 */
@ApplicationScoped
public class SecurityNotices {

  /** The events that are mailed; only {@link #OPTIONAL} ones can be switched off. */
  static final Set<SecurityEvent.Type> NOTICED =
      Set.of(
          SecurityEvent.Type.EMAIL_CHANGE_REQUESTED,
          SecurityEvent.Type.EMAIL_CHANGED,
          SecurityEvent.Type.NEW_BROWSER,
          SecurityEvent.Type.PASSWORD_CHANGED,
          SecurityEvent.Type.PASSWORD_RESET,
          SecurityEvent.Type.FACTOR_ADDED,
          SecurityEvent.Type.FACTOR_REMOVED,
          SecurityEvent.Type.TWO_FACTOR_TURNED_OFF,
          SecurityEvent.Type.TWO_FACTOR_RESET_BY_ADMIN,
          SecurityEvent.Type.RECOVERY_CODES_REGENERATED,
          SecurityEvent.Type.RECOVERY_CODE_USED,
          SecurityEvent.Type.SECOND_STEP_LOCKED,
          SecurityEvent.Type.SECURITY_KEY_POSSIBLY_CLONED,
          SecurityEvent.Type.SECOND_STEP_UNLOCKED,
          SecurityEvent.Type.RECOVERY_REJECTED,
          SecurityEvent.Type.RECOVERY_COMPLETED);

  /** The informational notices, which the account's owner can switch off in Security Settings. */
  static final Set<SecurityEvent.Type> OPTIONAL = Set.of(SecurityEvent.Type.NEW_BROWSER);

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Inject Accounts accounts;
  @Inject Outbox outbox;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Clock clock;
  @Inject ClientAddress clientAddress;
  @Inject Instance<HttpServletRequest> request;
  @Inject NotMe notMe;

  void onEvent(@Observes SecurityEvent event) {
    if (!NOTICED.contains(event.type())) {
      return;
    }
    Optional<Account> account = accounts.find(event.accountId());
    if (account.isEmpty()
        || (OPTIONAL.contains(event.type()) && !account.get().newBrowserNotices())) {
      return;
    }
    outbox.enqueue(
        templates.render(
            "security-notice",
            account.get().email(),
            Map.of(
                "name", account.get().displayName(),
                "what", event.type().description(),
                "detail", event.detail().isEmpty() ? "" : " (" + event.detail() + ")",
                "when", WHEN.format(clock.instant()),
                "from", from(),
                "settings", settings.link(Pages.SECURITY_SETTINGS),
                "notMe", settings.link(Pages.NOT_ME + "?token=" + notMe.issue(account.get().id())),
                "days", Long.toString(MailedLinks.Purpose.NOT_ME.lifetime().toDays()))));
  }

  private String from() {
    try {
      return "address " + clientAddress.of(request.get());
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      return "the portal itself (no browser was involved)";
    }
  }
}
