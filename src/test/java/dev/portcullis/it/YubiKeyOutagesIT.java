package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every outage and protocol fault of the YubiKey validation service that the wrapper must survive,
 * inside Liberty against the tests' protocol 2.0 validation server on 127.0.0.1. They test the
 * protocol and its wrapper, not a database, so they run in the H2 run only.
 */
@ExtendWith(ArquillianExtension.class)
@ExpectedServerLog({
  // every outage and protocol fault is provoked here, and each is logged for the operator
  "yubikey\\.CloudValidation [WE] ",
  // a validation server that says "replayed" makes it a security event
  "yubikey\\.YubiKeyFactors W Security event: ",
  // the tests' validation server answering HTTP 500 on purpose
  "com\\.ibm\\.ws\\.webcontainer E SRVE0095I: Servlet has become temporarily unavailable for service: /yubistub/"
})
public class YubiKeyOutagesIT extends YubiKeyFixture {

  @Test
  void aServiceThatHangsIsUnavailableAndCountsNoFailure() throws Exception {
    expectUnavailable(StubMode.HANG);
  }

  @Test
  void anHttp500IsUnavailable() throws Exception {
    expectUnavailable(StubMode.HTTP_500);
  }

  @Test
  void backendErrorAndNotEnoughAnswersAreUnavailable() throws Exception {
    expectUnavailable(StubMode.BACKEND_ERROR);
    expectUnavailable(StubMode.NOT_ENOUGH_ANSWERS);
  }

  @Test
  void aWronglySignedAnswerRaisesAnOperatorAlarm() throws Exception {
    expectUnavailable(StubMode.SIGN_WRONGLY);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.api-key"));
  }

  @Test
  void anAlarmMakesTheHealthCheckDegradedButNeverDown() throws Exception {
    expectUnavailable(StubMode.NO_SUCH_CLIENT);
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(YubiStub.CONTROL.replace("/yubistub/control", "/health/ready")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().contains("\"degraded\""), health.body());
    assertTrue(health.body().contains("portcullis.yubikey.client-id"), health.body());
    YubiStub.mode(StubMode.GENUINE);
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
  }

  @Test
  void anAnswerEchoingAnotherNonceOrOtpIsNotBelieved() throws Exception {
    expectUnavailable(StubMode.OTHER_NONCE);
    assertTrue(cloud.alarm().isPresent());
    expectUnavailable(StubMode.OTHER_OTP);
    assertTrue(cloud.alarm().isPresent());
  }

  @Test
  void configurationErrorsRaiseAnAlarmThatSaysWhatToFix() throws Exception {
    expectUnavailable(StubMode.BAD_SIGNATURE);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.api-key"));
    expectUnavailable(StubMode.NO_SUCH_CLIENT);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.client-id"));
    expectUnavailable(StubMode.OPERATION_NOT_ALLOWED);
    assertTrue(cloud.alarm().orElseThrow().contains("may not verify"));
    expectUnavailable(StubMode.MISSING_PARAMETER);
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.urls"));
    YubiStub.mode(StubMode.GENUINE);
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
    assertTrue(cloud.alarm().isEmpty(), "a good answer clears the alarm");
  }

  @Test
  void replayedOtpFromTheServerIsAFailure() throws Exception {
    YubiStub.mode(StubMode.REPLAYED_OTP);
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(accountId, key.touch()));
    assertEquals(1, failures(accountId));
  }

  @Test
  void anUnknownStatusFailsClosed() throws Exception {
    // java-yubico-client cannot even read a status it does not know: the answer is unusable, so the
    // OTP is not accepted and the user is sent to another method
    expectUnavailable(StubMode.UNKNOWN_STATUS);
  }

  @Test
  void theCircuitOpensAfterFiveFailuresAndClosesAfterItsDelay() throws Exception {
    YubiStub.mode(StubMode.HTTP_500);
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(Outcome.Unavailable.class, verifier.verify(accountId, key.touch()));
    }
    int asked = YubiStub.requests();
    assertInstanceOf(Outcome.Unavailable.class, verifier.verify(accountId, key.touch()));
    assertEquals(asked, YubiStub.requests(), "an open circuit answers without calling the service");
    YubiStub.mode(StubMode.GENUINE);
    Thread.sleep(1200); // the circuit's delay in the test configuration (arquillian.xml) is 1000 ms
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(accountId, key.touch()));
  }

  @Test
  void anUnavailableServiceNeverLetsTheSecondStepPassAndSaysWhatToDo() throws Exception {
    YubiStub.mode(StubMode.BACKEND_ERROR);
    Outcome outcome = verifier.verify(accountId, key.touch());
    assertInstanceOf(Outcome.Unavailable.class, outcome);
    assertTrue(
        VerifySecondFactor.messageFor(outcome)
            .startsWith("YubiKey validation is unavailable right now, use another method"));
  }

  private void expectUnavailable(StubMode mode) throws Exception {
    YubiStub.mode(mode);
    int failuresBefore = failures(accountId);
    Outcome outcome = verifier.verify(accountId, key.touch());
    assertInstanceOf(Outcome.Unavailable.class, outcome, mode.name());
    assertEquals(failuresBefore, failures(accountId), mode + " is not the user's failure");
  }
}
