package dev.portcullis.factor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One account's second-step limiter state: consecutive attempts counted, when the last one was, and
 * until when the second step is locked. Only {@link SecondStepCounter}'s conditional UPDATEs change
 * it; its row is made at the account's first attempt.
 */
@Entity
@Table(name = "second_step_state")
public class SecondStepState {

  @Id
  @Column(name = "account_id", length = 36)
  private String accountId;

  @Column(name = "failures", nullable = false)
  private int failures;

  @Column(name = "last_attempt_at")
  private Instant lastAttemptAt;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  /** For JPA only. */
  protected SecondStepState() {}

  @Override
  public String toString() {
    return "SecondStepState[" + accountId + ", " + failures + "]";
  }
}
