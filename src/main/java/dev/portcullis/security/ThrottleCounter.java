package dev.portcullis.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Failed password attempts for one email or one client address, within the current window. */
@Entity
@Table(name = "password_throttle")
public class ThrottleCounter {

  @Id
  @Column(name = "throttle_key", length = 80)
  private String key;

  @Column(name = "failures", nullable = false)
  private int failures;

  @Column(name = "window_started", nullable = false)
  private Instant windowStarted;

  @Column(name = "blocked_until")
  private Instant blockedUntil;

  /** For JPA only. */
  protected ThrottleCounter() {}

  ThrottleCounter(String key, Instant now) {
    this.key = key;
    this.failures = 1;
    this.windowStarted = now;
  }
}
