package dev.portcullis.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The limiter's rules, with instants given by the test: no server, no clock, no sleeping. */
class SecondStepPolicyTest {

  private static final SecondStepPolicy POLICY = new SecondStepPolicy(20, Duration.ofMinutes(15));
  private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void fromTheThirdWrongCodeInARowEachAttemptWaitsTwiceAsLongUpToAMinute() {
    List<Long> seconds =
        java.util.stream.IntStream.range(0, 12)
            .mapToObj(n -> POLICY.waitAfter(n).toSeconds())
            .toList();
    assertEquals(List.of(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
  }

  @Test
  void anAttemptTooSoonAfterTheFourthWrongCodeIsRefusedUnchecked() {
    assertFalse(POLICY.judge(5, T, T.plusMillis(1999), false).allowed(), "four wrong: wait 2 s");
    assertTrue(POLICY.judge(5, T, T.plusSeconds(2), false).allowed());
  }

  @Test
  void theAttemptThatReachesTheLimitIsCheckedAndLaterOnesAreNot() {
    assertTrue(POLICY.judge(20, T, T.plusSeconds(60), true).allowed());
    assertFalse(POLICY.judge(21, T, T.plusSeconds(3600), false).allowed());
    assertTrue(POLICY.locks(20));
    assertFalse(POLICY.locks(19));
    assertEquals(T.plus(Duration.ofMinutes(15)), POLICY.lockUntil(T));
  }

  @Test
  void aClockThatWentBackDoesNotRefuseTheFirstAttempts() {
    assertTrue(POLICY.judge(2, T, T.minusSeconds(30), false).allowed());
  }

  @Test
  void settingsOutsideTheirRangeAreRefusedNamingTheSetting() {
    var tooMany =
        assertThrows(
            IllegalStateException.class, () -> new SecondStepPolicy(101, Duration.ofMinutes(15)));
    assertTrue(
        tooMany
            .getMessage()
            .startsWith("portcullis.throttle.lock-after must be between 1 and 100"));
    assertThrows(
        IllegalStateException.class, () -> new SecondStepPolicy(0, Duration.ofMinutes(15)));
    var tooShort =
        assertThrows(IllegalStateException.class, () -> new SecondStepPolicy(20, Duration.ZERO));
    assertTrue(
        tooShort.getMessage().startsWith("portcullis.throttle.lock-minutes must be at least 1"));
  }

  @Property(tries = 2000)
  void noAttemptPastTheLimitIsEverChecked(
      @ForAll @IntRange(min = 1, max = 100) int lockAfter,
      @ForAll @IntRange(min = 1, max = 300) int number,
      @ForAll @LongRange(min = -100_000, max = 100_000) long millisSincePrevious) {
    var policy = new SecondStepPolicy(lockAfter, Duration.ofMinutes(15));
    var attempt = policy.judge(number, T, T.plusMillis(millisSincePrevious), false);
    if (attempt.allowed()) {
      assertTrue(number <= lockAfter);
    }
    if (number <= lockAfter && millisSincePrevious >= 60_000) {
      assertTrue(attempt.allowed(), "after a minute every attempt under the limit is checked");
    }
  }

  @Property(tries = 500)
  void waitsNeverShrinkAndNeverPassAMinute(@ForAll @IntRange(min = 0, max = 1000) int wrong) {
    Duration wait = POLICY.waitAfter(wrong);
    assertTrue(wait.compareTo(POLICY.waitAfter(wrong + 1)) <= 0);
    assertTrue(wait.compareTo(SecondStepPolicy.LONGEST_WAIT) <= 0);
  }
}
