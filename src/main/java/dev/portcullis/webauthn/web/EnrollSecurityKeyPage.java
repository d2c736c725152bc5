package dev.portcullis.webauthn.web;

import dev.portcullis.factor.AddSecondFactor;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.platform.PlainText;
import dev.portcullis.security.Pages;
import dev.portcullis.web.CurrentAccount;
import dev.portcullis.web.FreshProof;
import dev.portcullis.webauthn.RelyingParties;
import dev.portcullis.webauthn.WebAuthnFactor;
import dev.portcullis.webauthn.WebAuthnFactors;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "Security key or passkey": the user names the key and presses the button; the browser creates a
 * credential for this portal, and its answer is checked and bound to the account. The first factor
 * of an account turns 2FA on and brings the recovery codes, as with TOTP and YubiKey.
 */
@Named("enrollSecurityKey")
@RequestScoped
public class EnrollSecurityKeyPage {

  static final String NOT_REGISTERED =
      "Your security key's answer was not accepted. Press \"Add security key\" and try again.";

  @Inject CurrentAccount me;
  @Inject WebAuthnFactors keys;
  @Inject AddSecondFactor addSecondFactor;
  @Inject FreshProof freshProof;

  private static final String PAGE = Pages.SECURITY_KEY_ENROLLMENT;

  private String name = "Security key";
  private String answer;

  /** On opening the page: an account that already has a factor must have confirmed it's them. */
  public void requireFreshProof() {
    freshProof.demand(PAGE);
  }

  /** A new registration challenge for the browser (JSON); asked only while the page is written. */
  public String getOptions() {
    return keys.startRegistration(
        me.id(), me.getEmail(), RelyingParties.Site.of(Faces.getRequest()));
  }

  public void register() {
    String body = answer;
    answer = null;
    if (!freshProof.demand(PAGE)) {
      return;
    }
    String label = PlainText.normalize(name);
    Optional<String> problem = problemWith(label);
    if (problem.isPresent()) {
      Messages.addError("webauthn:name", problem.get());
      return;
    }
    SecondFactorMethod.Answer given = RelyingParties.Site.of(Faces.getRequest()).answer(body);
    AddSecondFactor.Added added =
        addSecondFactor.addByAnswer(
            me.id(), given, () -> keys.finishRegistration(me.id(), label, given));
    Outcome outcome = added.outcome();
    if (!(outcome instanceof Outcome.Accepted)) {
      Messages.addError(
          "webauthn:answer",
          outcome instanceof Outcome.Rejected
              ? NOT_REGISTERED
              : VerifySecondFactor.messageFor(outcome));
      return;
    }
    if (added.firstFactor()) {
      Faces.setFlashAttribute("recoveryCodes", added.recoveryCodes());
      Messages.addFlashGlobalInfo(
          "Your security key is registered and Two-Factor Authentication is on. From your next login"
              + " on, use it after entering your password.");
      Faces.redirect(Pages.RECOVERY_CODES);
    } else {
      Messages.addFlashGlobalInfo(
          "Your security key \""
              + label
              + "\" is registered. Your recovery codes stay as they are.");
      Faces.redirect(Pages.SECURITY_SETTINGS);
    }
  }

  static Optional<String> problemWith(String label) {
    if (label.isEmpty()) {
      return Optional.of("Give this key a name, like \"Blue YubiKey\".");
    }
    if (label.length() > WebAuthnFactor.MAX_NAME_LENGTH) {
      return Optional.of(
          "The name has "
              + label.length()
              + " characters; use at most "
              + WebAuthnFactor.MAX_NAME_LENGTH
              + ".");
    }
    if (PlainText.hasInvisible(label)) {
      return Optional.of("The name contains an invisible or control character; type it again.");
    }
    return Optional.empty();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAnswer() {
    return null;
  }

  public void setAnswer(String answer) {
    this.answer = answer;
  }
}
