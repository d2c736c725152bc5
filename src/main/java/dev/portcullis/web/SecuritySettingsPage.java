package dev.portcullis.web;

import dev.portcullis.account.Accounts;
import dev.portcullis.account.EmailAddresses;
import dev.portcullis.account.PasswordHashing;
import dev.portcullis.account.PasswordPolicy;
import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.security.OtherSessions;
import dev.portcullis.security.Pages;
import dev.portcullis.security.Reauthenticate;
import dev.portcullis.totp.TotpFactors;
import dev.portcullis.yubikey.EnrollYubiKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * Security Settings: whether Two-Factor Authentication is on, "Click here to Enable" and the choice
 * of factor, the recovery codes left, regenerating them and turning 2FA off (both after
 * re-authentication). Request-scoped: nothing of it outlives the request, so passwords and codes
 * are never kept.
 */
@Named("securitySettings")
@RequestScoped
public class SecuritySettingsPage {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Inject CurrentAccount me;
  @Inject SecondFactors factors;
  @Inject RecoveryCodes recoveryCodes;
  @Inject TypedProof proof;
  @Inject OtherSessions otherSessions;
  @Inject EnrollYubiKey enrollYubiKey;
  @Inject Accounts accounts;
  @Inject EmailAddresses addresses;

  private String keyId;
  private String newPassword;
  private String repeatedPassword;
  private boolean endOtherSessions = true;
  private String newEmail;
  private Boolean newBrowserNotices;

  private List<FactorSummary> list;

  public boolean isEnabled() {
    return factors.enabled(me.id());
  }

  /** The account's active second factors, oldest first. */
  public List<FactorSummary> getFactors() {
    if (list == null) {
      list = factors.of(me.id());
    }
    return list;
  }

  /** The factors that can be removed one by one (the others go when 2FA is turned off). */
  public List<FactorSummary> getRemovable() {
    return getFactors().stream().filter(FactorSummary::removable).toList();
  }

  public int getRecoveryCodesLeft() {
    return recoveryCodes.remaining(me.id());
  }

  public int getRecoveryCodesTotal() {
    return RecoveryCodes.COUNT;
  }

  public String when(Instant instant) {
    return instant == null ? "never" : WHEN.format(instant);
  }

  public void regenerateRecoveryCodes() {
    if (reauthenticated()) {
      List<String> codes = recoveryCodes.regenerate(me.id());
      Faces.setFlashAttribute("recoveryCodes", codes);
      Messages.addFlashGlobalInfo("New recovery codes are ready; the old ones no longer work.");
      Faces.redirect(Pages.RECOVERY_CODES);
    }
  }

  public void turnOff() {
    if (reauthenticated()) {
      factors.removeAll(me.id());
      endOtherSessionsIfAsked();
      Messages.addFlashGlobalInfo(
          "Two-Factor Authentication is off. From now on only your password protects your account.");
      Faces.redirect(Pages.SECURITY_SETTINGS);
    }
  }

  /** Removes one YubiKey; when it was the last factor, 2FA is off and the recovery codes go too. */
  public void removeYubiKey() {
    if (keyId == null || getRemovable().stream().noneMatch(k -> k.id().equals(keyId))) {
      Messages.addError("removeKey:key", "Choose the key to remove.");
      return;
    }
    if (reauthenticated()) {
      SecondFactors.Removal removal = factors.remove(me.id(), keyId);
      list = null;
      if (removal == SecondFactors.Removal.NOT_FOUND) {
        // removed meanwhile, in another tab or by an administrator
        Messages.addError("removeKey:key", "Choose the key to remove.");
        return;
      }
      endOtherSessionsIfAsked();
      if (removal == SecondFactors.Removal.REMOVED_LAST) {
        Messages.addFlashGlobalInfo(
            "The key is removed. It was your last second factor, so Two-Factor Authentication is"
                + " off and your recovery codes no longer work.");
      } else {
        Messages.addFlashGlobalInfo("The key is removed; it can no longer be used to log in.");
      }
      Faces.redirect(Pages.SECURITY_SETTINGS);
    }
  }

  /**
   * Changes the password: the new one must meet the policy (checked first, so a weak one spends no
   * code), then the current password and, with 2FA on, a current code prove it's the user. Every
   * other session of the account ends; a notice is mailed.
   */
  public void changePassword() {
    String chosen = newPassword;
    String repeated = repeatedPassword;
    newPassword = null;
    repeatedPassword = null;
    Optional<String> problem =
        PasswordPolicy.problemWith(chosen == null ? "" : chosen, me.getEmail());
    if (problem.isPresent()) {
      Messages.addError("changePassword:newPassword", problem.get());
      return;
    }
    if (!chosen.equals(repeated)) {
      Messages.addError(
          "changePassword:repeatedPassword", "The two new passwords are not the same.");
      return;
    }
    if (!reauthenticated()) {
      return;
    }
    try {
      accounts.changePassword(me.id(), chosen);
    } catch (PasswordHashing.Busy busy) {
      Messages.addError("changePassword:code", SignIn.BUSY);
      return;
    }
    Messages.addFlashGlobalInfo(
        "Your password is changed. Your account was logged out everywhere else, and a notice was"
            + " mailed to "
            + me.getEmail()
            + ".");
    Faces.redirect(Pages.SECURITY_SETTINGS);
  }

  /**
   * Asks to change the address: the new one must be well formed and free (checked first, so a typo
   * spends no code), then the password and, with 2FA on, a current code prove it's the user. The
   * new address gets the link that makes the change; the current one is told.
   */
  public void changeEmail() {
    String typed = newEmail;
    var problem = dev.portcullis.account.EmailAddress.problemWith(typed);
    if (problem.isPresent()) {
      Messages.addError("changeEmail:newEmail", problem.get());
      return;
    }
    if (!reauthenticated()) {
      return;
    }
    EmailAddresses.Sent sent = addresses.requestChange(me.id(), typed);
    if (sent instanceof EmailAddresses.NotMailed not) {
      Messages.addError("changeEmail:newEmail", not.message());
      return;
    }
    Messages.addFlashGlobalInfo(
        "We mailed a link to "
            + ((EmailAddresses.Mailed) sent).to()
            + ". Your address changes when you open it; until then it stays "
            + me.getEmail()
            + ".");
    Faces.redirect(Pages.SECURITY_SETTINGS);
  }

  public String getNewEmail() {
    return newEmail;
  }

  public void setNewEmail(String newEmail) {
    this.newEmail = newEmail;
  }

  /** Whether sign-ins from new browsers are mailed: the form's value, else the account's. */
  public boolean isNewBrowserNotices() {
    if (newBrowserNotices == null) {
      newBrowserNotices =
          me.account().map(dev.portcullis.account.Account::newBrowserNotices).orElse(true);
    }
    return newBrowserNotices;
  }

  public void setNewBrowserNotices(boolean wanted) {
    this.newBrowserNotices = wanted;
  }

  public void saveNotices() {
    accounts.mailNewBrowserSignIns(me.id(), isNewBrowserNotices());
    Messages.addFlashGlobalInfo(
        isNewBrowserNotices()
            ? "Sign-ins from new browsers are mailed to you."
            : "Sign-ins from new browsers are no longer mailed to you; they stay in the activity list.");
    Faces.redirect(Pages.SECURITY_SETTINGS);
  }

  public String getNewPassword() {
    return null;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getRepeatedPassword() {
    return null;
  }

  public void setRepeatedPassword(String repeatedPassword) {
    this.repeatedPassword = repeatedPassword;
  }

  private void endOtherSessionsIfAsked() {
    if (endOtherSessions) {
      otherSessions.end(me.id(), "asked for when changing second factors");
      Messages.addFlashGlobalInfo("Your account was logged out everywhere else.");
    }
  }

  public boolean isEndOtherSessions() {
    return endOtherSessions;
  }

  public void setEndOtherSessions(boolean endOtherSessions) {
    this.endOtherSessions = endOtherSessions;
  }

  private boolean reauthenticated() {
    Reauthenticate.Result result = proof.check();
    if (result instanceof Reauthenticate.Refused refused) {
      String form =
          FORMS.stream()
              .filter(Faces.getRequestParameterMap()::containsKey)
              .findFirst()
              .orElse("disable");
      Messages.addError(form + ":" + refused.field(), refused.message());
      return false;
    }
    return true;
  }

  /** The forms that ask for re-authentication; the one submitted gets the message. */
  private static final List<String> FORMS =
      List.of("disable", "regenerate", "removeKey", "changePassword", "changeEmail");

  /** Whether YubiKeys can be registered on this portal (validation set up by the operator). */
  public boolean isYubiKeyAvailable() {
    return enrollYubiKey.available();
  }

  /** Whether the account has an authenticator app already (then only YubiKeys can be added). */
  public boolean isTotpActive() {
    return getFactors().stream().anyMatch(f -> f.method().equals(TotpFactors.NAME));
  }

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  /**
   * "Click here to Enable" leads here with {@code ?choose=true}: the choice of second factor is
   * shown.
   */
  public boolean isChoosing() {
    return "true".equals(Faces.getRequestParameter("choose"));
  }
}
