package dev.portcullis.yubikey.web;

import dev.portcullis.factor.AddSecondFactor;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.platform.PlainText;
import dev.portcullis.security.Pages;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.FreshProof;
import dev.portcullis.yubikey.EnrollYubiKey;
import dev.portcullis.yubikey.YubiKeyFactors;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "YubiKey": the user names the key and touches it in the field; the key is validated and bound to
 * the account. The first factor of an account turns 2FA on and brings the recovery codes, as with
 * TOTP.
 */
@Named("enrollYubiKey")
@RequestScoped
public class EnrollYubiKeyPage {

  static final String NOT_GENUINE =
      "That YubiKey OTP was not accepted. Touch the key again (each touch types a new one); if it keeps"
          + " failing, this key may not be registered with the validation service.";

  @Inject CurrentAccount me;
  @Inject EnrollYubiKey enroll;
  @Inject YubiKeyFactors keys;
  @Inject AddSecondFactor addSecondFactor;
  @Inject FreshProof freshProof;

  private static final String PAGE = Pages.YUBIKEY_ENROLLMENT;

  private String name = "YubiKey";
  private String otp;
  private String aesKey;
  private String privateId;

  /** On opening the page: an account that already has a factor must have confirmed it's them. */
  public void requireFreshProof() {
    freshProof.demand(PAGE);
  }

  public void register() {
    if (!freshProof.demand(PAGE)) {
      return;
    }
    EnrollYubiKey.LocalSecrets secrets = new EnrollYubiKey.LocalSecrets(aesKey, privateId);
    aesKey = null;
    privateId = null;
    Optional<EnrollYubiKey.Refused> refused = enroll.problemWith(name, secrets);
    if (refused.isPresent()) {
      Messages.addError("yubikey:" + refused.get().field(), refused.get().message());
      return;
    }
    AddSecondFactor.Added added =
        addSecondFactor.add(
            me.id(), otp, keys::recognizes, code -> enroll.register(me.id(), name, secrets, code));
    otp = null;
    Outcome outcome = added.outcome();
    if (!(outcome instanceof Outcome.Accepted)) {
      Messages.addError(
          "yubikey:otp",
          outcome instanceof Outcome.Rejected
              ? NOT_GENUINE
              : VerifySecondFactor.messageFor(outcome));
      return;
    }
    if (added.firstFactor()) {
      Faces.setFlashAttribute("recoveryCodes", added.recoveryCodes());
      Messages.addFlashGlobalInfo(
          "Your YubiKey is registered and Two-Factor Authentication is on. From your next login on,"
              + " touch the key after entering your password.");
      Faces.redirect(Pages.RECOVERY_CODES);
    } else {
      Messages.addFlashGlobalInfo(
          "Your YubiKey \""
              + PlainText.normalize(name)
              + "\" is registered. Your recovery codes stay as"
              + " they are.");
      Faces.redirect(Pages.SECURITY_SETTINGS);
    }
  }

  public boolean isAvailable() {
    return enroll.available();
  }

  public boolean isCloudOffered() {
    return enroll.cloudOffered();
  }

  public boolean isLocalOffered() {
    return enroll.localOffered();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getOtp() {
    return null;
  }

  public void setOtp(String otp) {
    this.otp = otp;
  }

  public String getAesKey() {
    return null;
  }

  public void setAesKey(String aesKey) {
    this.aesKey = aesKey;
  }

  public String getPrivateId() {
    return null;
  }

  public void setPrivateId(String privateId) {
    this.privateId = privateId;
  }
}
