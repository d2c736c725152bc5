package dev.portcullis.yubikey;

import com.yubico.client.v2.ResponseStatus;
import com.yubico.client.v2.VerificationResponse;
import com.yubico.client.v2.YubicoClient;
import com.yubico.client.v2.exceptions.YubicoValidationFailure;
import com.yubico.client.v2.exceptions.YubicoVerificationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one place that calls java-yubico-client, under MicroProfile Fault Tolerance: every call runs
 * on a managed thread with its own deadline (3,000 ms unless the Fault Tolerance property {@code
 * dev.portcullis.yubikey.ValidationServiceCalls/verify/Timeout/value} says otherwise), and after
 * five consecutive failures the circuit opens for 30,000 ms ({@code .../CircuitBreaker/delay}),
 * answering at once instead of making every login wait for a dead service.
 *
 * <p>Failures that say "the service is not answering properly" are thrown as {@link
 * ServiceUnavailable} so that they count for the circuit breaker; everything else is returned for
 * {@link CloudValidation} to read.
 */
@ApplicationScoped
public class ValidationServiceCalls {

  /** Statuses that mean the validation service could not decide, not that the OTP is bad. */
  static final Set<ResponseStatus> SERVICE_TROUBLE =
      Set.of(
          ResponseStatus.BACKEND_ERROR,
          ResponseStatus.NOT_ENOUGH_ANSWERS,
          ResponseStatus.REPLAYED_REQUEST);

  /** The validation service did not answer, answered with an error, or said it could not decide. */
  public static class ServiceUnavailable extends RuntimeException {
    ServiceUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The answer failed the client's checks: its signature, nonce or OTP did not match the request.
   */
  public static class AnswerRejected extends RuntimeException {
    AnswerRejected(String message) {
      super(message);
    }
  }

  /**
   * Sends {@code otp} to the validation servers.
   *
   * @return the signed, checked answer; completes exceptionally with {@link ServiceUnavailable},
   *     {@link AnswerRejected}, a Fault Tolerance {@link TimeoutException} or {@code
   *     CircuitBreakerOpenException}
   */
  @Asynchronous
  @Timeout(3000)
  @CircuitBreaker(
      requestVolumeThreshold = 5,
      failureRatio = 1.0,
      delay = 30_000,
      successThreshold = 1,
      failOn = {ServiceUnavailable.class, TimeoutException.class})
  public CompletionStage<VerificationResponse> verify(
      int clientId, String apiKey, String[] urls, String otp) {
    YubicoClient client = YubicoClient.getClient(clientId, apiKey);
    client.setWsapiUrls(urls);
    client.setUserAgent("Portcullis");
    client.setMaxRetries(1);
    VerificationResponse response;
    try {
      response = client.verify(otp);
    } catch (YubicoVerificationException e) {
      throw new ServiceUnavailable(
          "no validation server gave a usable answer: " + e.getMessage(), e);
    } catch (YubicoValidationFailure e) {
      throw new AnswerRejected(e.getMessage());
    }
    if (response == null) {
      throw new ServiceUnavailable("no answer", null);
    }
    if (SERVICE_TROUBLE.contains(response.getStatus())) {
      throw new ServiceUnavailable("the validation server answered " + response.getStatus(), null);
    }
    return CompletableFuture.completedFuture(response);
  }
}
