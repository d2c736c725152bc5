package dev.portcullis.yubikey;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.SecondFactorMethod.Verified;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.platform.PlainText;
import dev.portcullis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Binds a YubiKey to an account: the user touches the key, the OTP is validated (by the validation
 * servers, or here with the AES key and private id the operator programmed into the key), and the
 * key's public id is registered with the OTP's counter, so that very OTP cannot log in later.
 *
 * <p>{@code portcullis.yubikey.validation} says which ways are offered: {@code cloud} (default),
 * {@code local}, or both ({@code cloud,local}).
 */
@ApplicationScoped
public class EnrollYubiKey {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject YubiKeyFactors factors;
  @Inject CloudValidation cloud;
  @Inject LocalValidation local;
  @Inject SecretBox secretBox;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.yubikey.validation", defaultValue = "cloud")
  Set<String> validation;

  /** Returns whether keys may be registered with validation servers. */
  public boolean cloudOffered() {
    return validation.stream().anyMatch(v -> v.trim().equalsIgnoreCase("cloud"));
  }

  /** Returns whether keys may be registered with their AES secret, validated here. */
  public boolean localOffered() {
    return validation.stream().anyMatch(v -> v.trim().equalsIgnoreCase("local"));
  }

  /**
   * Returns whether a YubiKey can be registered on this portal at all: local validation is offered,
   * or validation servers are offered and configured.
   */
  public boolean available() {
    return localOffered() || (cloudOffered() && cloud.configured());
  }

  /** The secrets of a key programmed by the operator, as typed (hex). Never logged. */
  public record LocalSecrets(String aesKeyHex, String privateIdHex) {
    boolean given() {
      return !blank(aesKeyHex) || !blank(privateIdHex);
    }

    @Override
    public String toString() {
      return "LocalSecrets[redacted]";
    }
  }

  /** Why a registration could not happen, with the form field it is about. */
  public record Refused(String field, String message) {}

  /**
   * Checks the name and, for local validation, the secrets, before any OTP is looked at.
   *
   * @return what is wrong, or empty
   */
  public Optional<Refused> problemWith(String name, LocalSecrets secrets) {
    String label = PlainText.normalize(name);
    if (label.isEmpty()) {
      return Optional.of(new Refused("name", "Give this key a name, like \"Blue YubiKey\"."));
    }
    if (label.length() > YubiKeyFactor.MAX_NAME_LENGTH) {
      return Optional.of(
          new Refused(
              "name",
              "The name has "
                  + label.length()
                  + " characters; use at most "
                  + YubiKeyFactor.MAX_NAME_LENGTH
                  + "."));
    }
    if (PlainText.hasInvisible(label)) {
      return Optional.of(
          new Refused(
              "name", "The name contains an invisible or control character; type it again."));
    }
    boolean useLocal = secrets != null && secrets.given();
    if (useLocal && !localOffered()) {
      return Optional.of(
          new Refused("aesKey", "This portal does not validate YubiKeys with their AES key."));
    }
    if (!useLocal && !cloudOffered()) {
      return Optional.of(
          new Refused(
              "aesKey",
              "Enter the AES key and private id your administrator gave you for this key."));
    }
    if (useLocal && !isHex(secrets.aesKeyHex(), 32)) {
      return Optional.of(
          new Refused(
              "aesKey",
              "The AES key is 32 hexadecimal characters (0-9, a-f), as in the YubiKey"
                  + " Personalization Tool."));
    }
    if (useLocal && !isHex(secrets.privateIdHex(), 12)) {
      return Optional.of(
          new Refused("privateId", "The private id is 12 hexadecimal characters (0-9, a-f)."));
    }
    return Optional.empty();
  }

  /**
   * Validates {@code code} (what the key typed) and registers the key. Call {@link #problemWith}
   * first.
   *
   * @return {@link Check.Passed} when the key is registered, {@link Check.Failed} when the OTP is
   *     not genuine or the key is already registered, {@link Check.Unreadable} with a message when
   *     it is not a Yubico OTP, {@link Check.Unavailable} when the validation service cannot be
   *     reached
   */
  @Transactional
  public Check register(String accountId, String name, LocalSecrets secrets, TypedCode code) {
    Optional<String> problem = YubicoOtp.problemWith(code);
    if (problem.isPresent()) {
      return new Check.Unreadable(problem.get());
    }
    YubicoOtp otp = YubicoOtp.parse(code).orElseThrow();
    if (otp.publicId().length() < 2) {
      return new Check.Unreadable(
          "This key types no public id, so it cannot be told apart from other keys. Program it with a"
              + " public id (the YubiKey Personalization Tool does), then touch it again.");
    }
    if (factors.byPublicId(otp.publicId()).isPresent()) {
      return new Check.Unreadable(
          "This YubiKey is already registered. Each key can be registered once.");
    }
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    String label = PlainText.normalize(name);
    if (secrets != null && secrets.given()) {
      byte[] aesKey = HexFormat.of().parseHex(secrets.aesKeyHex().strip().toLowerCase(Locale.ROOT));
      byte[] privateId =
          HexFormat.of().parseHex(secrets.privateIdHex().strip().toLowerCase(Locale.ROOT));
      try {
        ValidationResult result = local.validate(otp, aesKey, privateId);
        if (!(result instanceof ValidationResult.Valid valid)) {
          return Check.failed();
        }
        em.persist(
            YubiKeyFactor.local(
                id,
                accountId,
                otp.publicId(),
                label,
                secretBox.seal(aesKey, YubiKeyFactor.owner(accountId, id, "aes")),
                secretBox.seal(privateId, YubiKeyFactor.owner(accountId, id, "uid")),
                valid.counter(),
                now));
      } finally {
        Arrays.fill(aesKey, (byte) 0);
        Arrays.fill(privateId, (byte) 0);
      }
    } else {
      ValidationResult result = cloud.validate(otp);
      if (result instanceof ValidationResult.Unavailable) {
        return new Check.Unavailable(
            "YubiKey validation is unavailable right now, so the key cannot be registered. Please try"
                + " again in a few minutes.");
      }
      if (!(result instanceof ValidationResult.Valid valid)) {
        return Check.failed();
      }
      em.persist(YubiKeyFactor.cloud(id, accountId, otp.publicId(), label, valid.counter(), now));
    }
    events.fire(
        new SecurityEvent(
            accountId,
            SecurityEvent.Type.FACTOR_ADDED,
            "YubiKey \"" + label + "\" (" + otp.publicId() + ")"));
    return Check.passed(new Verified(YubiKeyFactors.NAME, 0, -1));
  }

  /**
   * Exactly what {@code HexFormat.parseHex} takes: ASCII hex digits only, never full-width ones.
   */
  private static boolean isHex(String value, int length) {
    return value != null && PlainText.isAsciiHex(value.strip(), length);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
