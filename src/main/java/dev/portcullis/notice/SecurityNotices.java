package dev.portcullis.notice;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.mail.MailSettings;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.mail.Outbox;
import dev.portcullis.platform.ClientAddress;
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
 * code used (with how many are left), the second step locked or unlocked, the password changed. The
 * notice is written to the outbox in the transaction of the change, so it exists exactly when the
 * change does; it holds no secret and no code.
 */
@ApplicationScoped
public class SecurityNotices {

  /** The events that are mailed; none of them can be switched off. */
  static final Set<SecurityEvent.Type> NOTICED =
      Set.of(
          SecurityEvent.Type.PASSWORD_CHANGED,
          SecurityEvent.Type.PASSWORD_RESET,
          SecurityEvent.Type.FACTOR_ADDED,
          SecurityEvent.Type.FACTOR_REMOVED,
          SecurityEvent.Type.TWO_FACTOR_TURNED_OFF,
          SecurityEvent.Type.TWO_FACTOR_RESET_BY_ADMIN,
          SecurityEvent.Type.RECOVERY_CODES_REGENERATED,
          SecurityEvent.Type.RECOVERY_CODE_USED,
          SecurityEvent.Type.SECOND_STEP_LOCKED,
          SecurityEvent.Type.SECOND_STEP_UNLOCKED);

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Inject Accounts accounts;
  @Inject Outbox outbox;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Clock clock;
  @Inject ClientAddress clientAddress;
  @Inject Instance<HttpServletRequest> request;

  void onEvent(@Observes SecurityEvent event) {
    if (!NOTICED.contains(event.type())) {
      return;
    }
    Optional<Account> account = accounts.find(event.accountId());
    if (account.isEmpty()) {
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
                "settings", settings.link("faces/app/security.xhtml"))));
  }

  private String from() {
    try {
      return "address " + clientAddress.of(request.get());
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      return "the portal itself (no browser was involved)";
    }
  }
}
