package dev.portcullis.web;

import dev.portcullis.factor.FactorSummary;
import dev.portcullis.totp.TotpFactors;
import dev.portcullis.webauthn.WebAuthnFactors;
import dev.portcullis.yubikey.YubiKeyFactors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Locale;

/** What the pages call each kind of second factor, in the help article's words. */
@Named("factorNames")
@ApplicationScoped
public class FactorNames {

  /** The kind of factor as the user knows it, e.g. "Time-Based (One-Time Password)". */
  public String kind(FactorSummary factor) {
    return switch (factor.method()) {
      case TotpFactors.NAME -> "Time-Based (One-Time Password)";
      case YubiKeyFactors.NAME -> "YubiKey";
      case WebAuthnFactors.NAME -> "Security key or passkey";
      default -> factor.method();
    };
  }

  /** A CSS class suffix for the kind, e.g. "totp". */
  public String css(FactorSummary factor) {
    return factor.method().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
