package dev.portcullis.factor;

import java.time.Duration;
import java.time.Instant;

/**
 * The second-step limiter's rules, pure and driven by the instants it is given (no database, no
 * clock of its own), so every rule is unit-tested without a server:
 *
 * <ul>
 *   <li>every attempt is counted before its code is looked at ({@link SecondStepCounter} claims
 *       it);
 *   <li>from the {@value #WAIT_FROM}rd wrong code in a row on, an attempt must come a growing time
 *       after the previous one (1 s, 2 s, 4 s … at most {@link #LONGEST_WAIT}) or is refused
 *       unchecked;
 *   <li>the attempt that reaches {@code lockAfter} locks the second step for {@code lockFor}; later
 *       ones are counted and refused unchecked; a lock that has run out starts the count again.
 * </ul>
 *
 * @param lockAfter consecutive wrong codes that lock the step, 1 to {@value #MAX_LOCK_AFTER}
 * @param lockFor how long a lock lasts, at least a minute
 */
public record SecondStepPolicy(int lockAfter, Duration lockFor) {

  /** The most consecutive failures an operator may allow before the second step locks. */
  public static final int MAX_LOCK_AFTER = 100;

  /** Wrong codes in a row after which each attempt must wait. */
  public static final int WAIT_FROM = 3;

  /** The longest wait between two attempts. */
  public static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  /** Checks the settings, naming them as operators set them. */
  public SecondStepPolicy {
    if (lockAfter < 1 || lockAfter > MAX_LOCK_AFTER) {
      throw new IllegalStateException(
          "portcullis.throttle.lock-after must be between 1 and "
              + MAX_LOCK_AFTER
              + " consecutive wrong codes, but it is "
              + lockAfter);
    }
    if (lockFor == null || lockFor.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalStateException(
          "portcullis.throttle.lock-minutes must be at least 1, but it is "
              + (lockFor == null ? null : lockFor.toMinutes()));
    }
  }

  /**
   * One claimed attempt, judged.
   *
   * @param number the consecutive attempts counted, this one included
   * @param allowed whether its code may be compared at all
   * @param lockedNow whether this attempt set the lock (exactly one attempt does, also in parallel)
   */
  public record Attempt(int number, boolean allowed, boolean lockedNow) {

    /** Whether the step is locked (this attempt came past the limit). */
    public boolean pastTheLimit(SecondStepPolicy policy) {
      return number > policy.lockAfter();
    }
  }

  /**
   * How long an attempt must come after the previous one, when {@code wrongInARow} codes were
   * wrong.
   */
  public Duration waitAfter(int wrongInARow) {
    if (wrongInARow < WAIT_FROM) {
      return Duration.ZERO;
    }
    long seconds = 1L << Math.min(6, wrongInARow - WAIT_FROM);
    return Duration.ofSeconds(Math.min(LONGEST_WAIT.toSeconds(), seconds));
  }

  /** Whether the attempt numbered {@code number} locks the step. */
  public boolean locks(int number) {
    return number >= lockAfter;
  }

  /** Until when a lock set at {@code now} lasts. */
  public Instant lockUntil(Instant now) {
    return now.plus(lockFor);
  }

  /**
   * Judges the attempt numbered {@code number}, made at {@code now}, whose previous attempt was at
   * {@code previous} (null for none).
   */
  public Attempt judge(int number, Instant previous, Instant now, boolean lockedNow) {
    Duration wait = waitAfter(number - 1);
    boolean tooSoon = !wait.isZero() && previous != null && now.isBefore(previous.plus(wait));
    return new Attempt(number, number <= lockAfter && !tooSoon, lockedNow);
  }
}
