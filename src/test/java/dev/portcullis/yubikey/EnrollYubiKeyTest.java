package dev.portcullis.yubikey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrollYubiKeyTest {

  private static EnrollYubiKey offering(Set<String> validation, Optional<Integer> clientId, Optional<String> apiKey) {
    EnrollYubiKey enroll = new EnrollYubiKey();
    enroll.validation = validation;
    enroll.cloud = new CloudValidation();
    enroll.cloud.clientId = clientId;
    enroll.cloud.apiKey = apiKey;
    return enroll;
  }

  @Test
  void validationServersWithoutClientIdAndApiKeyOfferNoYubiKey() {
    assertFalse(offering(Set.of("cloud"), Optional.empty(), Optional.empty()).available());
    assertFalse(offering(Set.of("cloud"), Optional.of(1), Optional.of(" ")).available());
    assertTrue(offering(Set.of("cloud"), Optional.of(1), Optional.of("a2V5")).available());
  }

  @Test
  void localValidationNeedsNoOutsideService() {
    assertTrue(offering(Set.of("local"), Optional.empty(), Optional.empty()).available());
    assertTrue(offering(Set.of("cloud", " local"), Optional.empty(), Optional.empty()).available());
  }
}
