package dev.portcullis.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one source of time for the application. Code that needs "now" injects a {@link Clock} instead
 * of calling {@code Instant.now()}, so that tests can move time instead of sleeping.
 */
@ApplicationScoped
public class Clocks {

  /** Returns the system clock in UTC; never null. */
  @Produces
  @ApplicationScoped
  public Clock utc() {
    return Clock.systemUTC();
  }
}
