package dev.portcullis.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a message whose sending failed is tried again: after {@code first}, then twice as long after
 * each further failure, never longer than {@code longest}. A message is never given up: an SMTP
 * outage delays mail, it loses none.
 */
public record RetryPolicy(Duration first, Duration longest) {

  public RetryPolicy {
    Objects.requireNonNull(first);
    Objects.requireNonNull(longest);
    if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= longest");
    }
  }

  /**
   * When to try again after the {@code failures}-th failure in a row (1 for the first) at {@code
   * now}.
   */
  public Instant nextAttempt(int failures, Instant now) {
    Duration wait = first;
    for (int i = 1; i < failures && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return now.plus(wait.compareTo(longest) > 0 ? longest : wait);
  }
}
