package dev.portcullis.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replaces the application's clock in in-container test deployments, so tests move time instead of
 * sleeping. Each test sets the instant it needs.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class MovableClock {

  private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());

  private static final Clock CLOCK =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return NOW.get();
        }
      };

  @Produces
  @ApplicationScoped
  Clock clock() {
    return CLOCK;
  }

  public static void set(Instant instant) {
    NOW.set(instant);
  }

  public static void advance(Duration duration) {
    NOW.updateAndGet(i -> i.plus(duration));
  }

  public static Instant now() {
    return NOW.get();
  }
}
