package dev.portcullis.totp.web;

import dev.portcullis.factor.AddSecondFactor;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.security.Pages;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.EnrollTotp.PendingSecret;
import dev.portcullis.totp.TotpFactors;
import dev.portcullis.web.ClockNotice;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.FreshProof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "Time-Based (One-Time Password)": shows the QR code and the key, then checks the code the app
 * makes "to verify it is working as intended". On success 2FA is on and the recovery codes are
 * shown once. The secret is rendered into the page only; it is never part of view state or of a
 * URL.
 */
@Named("enrollTotp")
@RequestScoped
public class EnrollTotpPage {

  static final String WRONG_CODE =
      "That code didn't work. Check that you scanned the code above, and that the time on your"
          + " device is set automatically (the server's time is shown above), then try the newest code.";

  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Inject CurrentAccount me;
  @Inject EnrollTotp enroll;
  @Inject TotpFactors totpFactors;
  @Inject AddSecondFactor addSecondFactor;
  @Inject Clock clock;
  @Inject FreshProof freshProof;

  private static final String PAGE = Pages.TOTP_ENROLLMENT;

  private Optional<PendingSecret> pending;
  private String code;

  /** On opening the page: makes (or keeps) the pending secret, unless 2FA is already on. */
  public void begin() {
    if (!freshProof.demand(PAGE)) {
      return;
    }
    try {
      pending = Optional.of(enroll.begin(me.id(), me.getEmail()));
    } catch (EnrollTotp.AlreadyEnabled alreadyEnabled) {
      Messages.addFlashGlobalInfo(alreadyEnabled.getMessage());
      Faces.redirect(Pages.SECURITY_SETTINGS);
    }
  }

  public void confirm() {
    if (!freshProof.demand(PAGE)) {
      return;
    }
    AddSecondFactor.Added added =
        addSecondFactor.add(
            me.id(), code, totpFactors::recognizes, c -> enroll.confirm(me.id(), c));
    code = null;
    Outcome outcome = added.outcome();
    if (outcome instanceof Outcome.Accepted accepted) {
      if (accepted.verified().clockOffsetSeconds() != 0) {
        Messages.addFlashGlobalWarn(ClockNotice.describe(accepted.verified().clockOffsetSeconds()));
      }
      if (added.firstFactor()) {
        Faces.setFlashAttribute("recoveryCodes", added.recoveryCodes());
        Messages.addFlashGlobalInfo(
            "Two-Factor Authentication is on. From your next login on, you'll be asked for a code"
                + " after your password.");
        Faces.redirect(Pages.RECOVERY_CODES);
      } else {
        Messages.addFlashGlobalInfo(
            "Your authenticator app is added. Your recovery codes stay as they are.");
        Faces.redirect(Pages.SECURITY_SETTINGS);
      }
      return;
    }
    Messages.addError(
        "confirm:code",
        outcome instanceof Outcome.Malformed
            ? getCodeShape()
            : outcome instanceof Outcome.Rejected
                ? WRONG_CODE
                : VerifySecondFactor.messageFor(outcome));
  }

  private Optional<PendingSecret> pending() {
    if (pending == null) {
      pending = enroll.pending(me.id(), me.getEmail());
    }
    return pending;
  }

  public boolean isAvailable() {
    return pending().isPresent();
  }

  /** The key in groups of four, for people who can't scan. */
  public String getGroupedSecret() {
    return pending().map(PendingSecret::groupedSecret).orElse("");
  }

  /** Changes with every new secret, so the browser never shows a cached, stale QR image. */
  public String getFactorId() {
    return pending().map(PendingSecret::factorId).orElse("");
  }

  /** What the code field asks for: as many digits as this setup's codes have (6 to 8). */
  public String getCodeShape() {
    int digits = Math.max(6, Math.min(8, pending().map(PendingSecret::digits).orElse(6)));
    return "Enter the "
        + digits
        + "-digit code your app shows, like "
        + "12345678".substring(0, digits)
        + ".";
  }

  /** The name the app will list the account under, e.g. "Portcullis (ann@example.com)". */
  public String getShownInApp() {
    return pending().map(p -> p.issuer() + " (" + p.shownAccount() + ")").orElse("");
  }

  public String getServerTime() {
    return SERVER_TIME.format(clock.instant());
  }

  public long getServerEpochMillis() {
    return clock.millis();
  }

  public String getCode() {
    return null;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
