package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.factor.TypedCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudValidationTest {

  private static final YubicoOtp OTP =
      YubicoOtp.parse(TypedCode.of("ccccccjikdununluhnvnnidbktchgtrknlhtliugutce").orElseThrow())
          .orElseThrow();

  private static CloudValidation configured(Optional<Integer> clientId, Optional<String> apiKey) {
    CloudValidation cloud = new CloudValidation();
    cloud.clientId = clientId;
    cloud.apiKey = apiKey;
    cloud.urls = new String[] {CloudValidation.YUBICLOUD};
    return cloud;
  }

  @Test
  void refusesToAskAnUnsignedServiceAndSaysWhichSettingsAreMissing() {
    CloudValidation cloud = configured(Optional.empty(), Optional.empty());
    assertInstanceOf(ValidationResult.Unavailable.class, cloud.validate(OTP));
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.client-id"));
    assertTrue(cloud.alarm().orElseThrow().contains("portcullis.yubikey.api-key"));
  }

  @Test
  void refusesAnApiKeyThatIsNotBase64() {
    CloudValidation cloud = configured(Optional.of(1), Optional.of("not base64!"));
    assertInstanceOf(ValidationResult.Unavailable.class, cloud.validate(OTP));
    assertTrue(cloud.alarm().orElseThrow().contains("base64"));
  }
}
