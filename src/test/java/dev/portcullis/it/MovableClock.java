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
 * Replaces the application's clock in the tests' deployment, so tests move time instead of
 * sleeping. It follows the real time until a test sets or advances it; from then on it stands still
 * except when moved, until {@link #reset()} makes it follow the real time again. Every class that
 * moves it resets it when done, since all classes share one deployment.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class MovableClock {

  /** The instant the clock stands at, or null while it follows the real time. */
  private static final AtomicReference<Instant> NOW = new AtomicReference<>();

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
          return now();
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

  /** Moves the clock forward (a clock following the real time stops, moved from now). */
  public static void advance(Duration duration) {
    NOW.updateAndGet(i -> (i == null ? Instant.now() : i).plus(duration));
  }

  /** Follows the real time again. */
  public static void reset() {
    NOW.set(null);
  }

  public static Instant now() {
    Instant standing = NOW.get();
    return standing == null ? Instant.now() : standing;
  }
}
