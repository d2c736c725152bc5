package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.security.PasswordThrottle;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password attempts are limited per email and per client address, in the database, with time moved.
 */
@ExtendWith(ArquillianExtension.class)
public class PasswordThrottleIT extends ClockResetting {

  @Inject PasswordThrottle throttle;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private String email;
  private String address;

  @BeforeEach
  void aFreshEmailAndAddress() {
    MovableClock.set(Instant.parse("2026-11-27T12:00:00Z"));
    email = "throttle-" + UUID.randomUUID() + "@example.com";
    address = "192.0.2." + (int) (Math.random() * 250);
  }

  @Test
  void tenWrongPasswordsPauseTheEmailForFifteenMinutes() {
    for (int i = 0; i < 9; i++) {
      throttle.recordFailure(email, "198.51.100." + i);
    }
    assertFalse(throttle.paused(email, "203.0.113.1").isPresent(), "nine are allowed");
    throttle.recordFailure(email, "198.51.100.9");
    assertTrue(throttle.paused(email, "203.0.113.1").isPresent(), "from any address");
    assertFalse(throttle.paused("someone-else@example.com", "203.0.113.1").isPresent());
    MovableClock.advance(Duration.ofMinutes(16));
    assertFalse(throttle.paused(email, "203.0.113.1").isPresent(), "the pause ends");
  }

  @Test
  void aCorrectPasswordClearsTheEmailCountButNotTheAddressCount() {
    String shared = "203.0.113." + (int) (Math.random() * 250);
    for (int i = 0; i < 99; i++) {
      throttle.recordFailure("victim" + i + "@example.com", shared);
    }
    throttle.recordFailure(email, shared);
    throttle.recordSuccess(email);
    assertEquals(0, throttle.failuresFor(email));
    assertTrue(
        throttle.paused("anyone@example.com", shared).isPresent(), "100 from one address pause it");
  }

  @Test
  void parallelFailuresAreCountedExactly() throws Exception {
    Parallel.run(
        executor,
        8,
        () -> {
          throttle.recordFailure(email, address);
          return null;
        });
    assertEquals(8, throttle.failuresFor(email));
  }
}
