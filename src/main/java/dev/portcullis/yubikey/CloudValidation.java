package dev.portcullis.yubikey;

import com.yubico.client.v2.ResponseStatus;
import com.yubico.client.v2.VerificationResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Validation by YubiCloud or the operator's own servers (protocol 2.0), through java-yubico-client,
 * read strictly. The library is archived and leaves gaps, so this wrapper: uses explicit URLs
 * (YubiCloud's current endpoint by default, not the library's retired api2–api5), requires a client
 * id and API key so every answer's signature is checked, bounds every call (see {@link
 * ValidationServiceCalls}), and maps every status:
 *
 * <ul>
 *   <li>OK: valid (the caller has already checked the public id belongs to the account);
 *   <li>BAD_OTP: invalid; REPLAYED_OTP: replayed (a failure and a security event);
 *   <li>BACKEND_ERROR, NOT_ENOUGH_ANSWERS, timeouts, TLS and network failures, an open circuit:
 *       unavailable (not counted against the user);
 *   <li>BAD_SIGNATURE, NO_SUCH_CLIENT, OPERATION_NOT_ALLOWED, MISSING_PARAMETER, and answers whose
 *       signature, nonce or OTP do not match: an operator alarm (a log line saying what to fix, and
 *       {@link #alarm()} for the health check), unavailable for the user;
 *   <li>anything else: fail closed (invalid).
 * </ul>
 *
 * It never falls back to password-only.
 */
@ApplicationScoped
public class CloudValidation {

  private static final Logger LOG = Logger.getLogger(CloudValidation.class.getName());

  /** YubiCloud's current single endpoint. */
  public static final String YUBICLOUD = "https://api.yubico.com/wsapi/2.0/verify";

  @Inject ValidationServiceCalls calls;

  @Inject
  @ConfigProperty(name = "portcullis.yubikey.client-id")
  Optional<Integer> clientId;

  @Inject
  @ConfigProperty(name = "portcullis.yubikey.api-key")
  Optional<String> apiKey;

  @Inject
  @ConfigProperty(name = "portcullis.yubikey.urls", defaultValue = YUBICLOUD)
  String[] urls;

  private final AtomicReference<String> alarm = new AtomicReference<>();

  /** The last operator alarm, if the service is misconfigured; cleared by the next good answer. */
  public Optional<String> alarm() {
    return Optional.ofNullable(alarm.get());
  }

  /** Returns whether a client id and an API key are configured, so OTPs can be checked at all. */
  public boolean configured() {
    return clientId.isPresent() && apiKey.filter(k -> !k.isBlank()).isPresent();
  }

  /** Checks {@code otp} with the validation servers; never throws. */
  public ValidationResult validate(YubicoOtp otp) {
    if (!configured()) {
      return raiseAlarm(
          "YubiKey validation is not configured: set portcullis.yubikey.client-id and"
              + " portcullis.yubikey.api-key (from https://upgrade.yubico.com/getapikey/ or your own"
              + " validation server) so that answers are signed and checked");
    }
    if (!isBase64(apiKey.get())) {
      return raiseAlarm(
          "portcullis.yubikey.api-key must be the base64 API key the validation service issued, but it"
              + " is not valid base64");
    }
    VerificationResponse response;
    try {
      response =
          calls
              .verify(clientId.get(), apiKey.get().trim(), urls, otp.value())
              .toCompletableFuture()
              .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ValidationResult.Unavailable("interrupted");
    } catch (ExecutionException | CompletionException e) {
      return readFailure(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      return readFailure(e);
    }
    return readStatus(otp, response);
  }

  private ValidationResult readFailure(Throwable cause) {
    if (cause instanceof ValidationServiceCalls.AnswerRejected rejected) {
      return raiseAlarm(
          "The YubiKey validation server's answer failed its checks ("
              + rejected.getMessage()
              + "): either portcullis.yubikey.api-key is not the key of client id "
              + clientId.orElse(null)
              + ", or something between this server and "
              + String.join(", ", urls)
              + " alters the answers");
    }
    if (cause instanceof CircuitBreakerOpenException) {
      return new ValidationResult.Unavailable("circuit open after repeated failures");
    }
    if (cause instanceof TimeoutException) {
      LOG.warning(
          () -> "YubiKey validation: no answer from " + String.join(", ", urls) + " in time");
      return new ValidationResult.Unavailable("timeout");
    }
    if (cause instanceof ValidationServiceCalls.ServiceUnavailable unavailable) {
      LOG.warning(() -> "YubiKey validation unavailable: " + unavailable.getMessage());
      return new ValidationResult.Unavailable(unavailable.getMessage());
    }
    LOG.log(Level.WARNING, "YubiKey validation failed unexpectedly; treated as unavailable", cause);
    return new ValidationResult.Unavailable(cause.getClass().getSimpleName());
  }

  private ValidationResult readStatus(YubicoOtp otp, VerificationResponse response) {
    ResponseStatus status = response.getStatus();
    switch (status) {
      case OK -> {
        alarm.set(null);
        if (!otp.publicId().equals(response.getPublicId())) {
          return new ValidationResult.Invalid("answer names another key");
        }
        return new ValidationResult.Valid(counterOf(response));
      }
      case BAD_OTP -> {
        alarm.set(null);
        return new ValidationResult.Invalid("BAD_OTP");
      }
      case REPLAYED_OTP -> {
        alarm.set(null);
        return new ValidationResult.Replayed();
      }
      case BAD_SIGNATURE -> {
        return raiseAlarm(
            "The YubiKey validation server answered BAD_SIGNATURE: it does not accept our request"
                + " signature, so portcullis.yubikey.api-key is not the API key of client id "
                + clientId.orElse(null));
      }
      case NO_SUCH_CLIENT -> {
        return raiseAlarm(
            "The YubiKey validation server answered NO_SUCH_CLIENT: client id "
                + clientId.orElse(null)
                + " (portcullis.yubikey.client-id) is unknown to "
                + String.join(", ", urls));
      }
      case OPERATION_NOT_ALLOWED -> {
        return raiseAlarm(
            "The YubiKey validation server answered OPERATION_NOT_ALLOWED: client id "
                + clientId.orElse(null)
                + " may not verify OTPs there; ask its operator to allow it");
      }
      case MISSING_PARAMETER -> {
        return raiseAlarm(
            "The YubiKey validation server answered MISSING_PARAMETER: it expects a request this"
                + " client does not send; check that portcullis.yubikey.urls points at a protocol 2.0"
                + " endpoint (…/wsapi/2.0/verify)");
      }
      default -> {
        LOG.warning(
            () -> "YubiKey validation: unexpected status " + status + "; the OTP is refused");
        return new ValidationResult.Invalid("status " + status);
      }
    }
  }

  /** The (usage, session) position the server reported, or -1 when it did not say. */
  private static long counterOf(VerificationResponse response) {
    try {
      if (response.getSessioncounter() != null && response.getSessionuse() != null) {
        return (Long.parseLong(response.getSessioncounter()) << 8)
            | (Long.parseLong(response.getSessionuse()) & 0xff);
      }
    } catch (NumberFormatException ignored) {
      // a server that sends no usable counters leaves replay detection to itself
    }
    return -1;
  }

  private ValidationResult raiseAlarm(String whatToFix) {
    if (!whatToFix.equals(alarm.getAndSet(whatToFix))) {
      LOG.severe(whatToFix);
    }
    return new ValidationResult.Unavailable("misconfigured");
  }

  private static boolean isBase64(String value) {
    try {
      Base64.getDecoder().decode(value.trim());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
