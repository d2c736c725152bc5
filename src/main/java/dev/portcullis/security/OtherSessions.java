package dev.portcullis.security;

import dev.portcullis.account.Accounts;
import dev.portcullis.account.SignInRequirementsRaised;
import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Ends an account's other logins, on every node: the account's row says from when its logins are
 * honoured, and the mechanism refuses a session signed in before that on its next request. The
 * session that asked (when it is the account's own) is stamped anew and stays in.
 *
 * <p>It happens when the user asks (removing a factor, turning 2FA off) and always when signing in
 * becomes harder ({@link SignInRequirementsRaised}: the first factor, a new password, an
 * administrator's reset), so no session signed in with the password alone outlives the change.
 */
@ApplicationScoped
public class OtherSessions {

  @Inject Accounts accounts;
  @Inject Clock clock;
  @Inject HttpServletRequest request;
  @Inject SessionLogins sessions;
  @Inject Event<SecurityEvent> events;

  /** Ends every login of {@code accountId} but the current request's; records why. */
  public void end(String accountId, String why) {
    // whole milliseconds: the database may round finer fractions up, past this session's own stamp
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    accounts.endSessionsBefore(accountId, now);
    try {
      sessions.restamp(request, accountId, now);
    } catch (ContextNotActiveException | IllegalStateException outsideARequest) {
      // no request (and so no session of the account's) to keep
    }
    events.fire(new SecurityEvent(accountId, SecurityEvent.Type.OTHER_SESSIONS_ENDED, why));
  }

  void onRaised(@Observes SignInRequirementsRaised raised) {
    end(raised.accountId(), raised.why());
  }
}
