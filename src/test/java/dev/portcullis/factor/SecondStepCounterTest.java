package dev.portcullis.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.platform.JpaOnH2;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second-step limiter's store without a server: the application's persistence unit with
 * EclipseLink on an H2 database migrated by the application's Flyway scripts, each call in a
 * transaction of its own as the container would run it. What the in-container tests prove on every
 * database (and across two nodes), checked here in a second.
 */
class SecondStepCounterTest {

  private static final SecondStepPolicy POLICY = new SecondStepPolicy(20, Duration.ofMinutes(15));
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static JpaOnH2 jpa;
  private static JdbcDataSource db;
  private static EntityManagerFactory emf;

  private String account;

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("counter");
    db = jpa.dataSource();
    emf = jpa.entityManagers();
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  @BeforeEach
  void anAccount() throws Exception {
    account = jpa.newAccount();
  }

  /** Runs {@code call} on a fresh counter in a transaction of its own, as the container would. */
  private static <T> T inTransaction(Function<SecondStepCounter, T> call) {
    return jpa.inTransaction(
        em -> {
          SecondStepCounter counter = new SecondStepCounter();
          counter.em = em;
          counter.dataSource = db;
          counter.self = counter;
          return call.apply(counter);
        });
  }

  private SecondStepPolicy.Attempt claim(Instant at) {
    return inTransaction(c -> c.claim(account, POLICY, at));
  }

  private int failures() {
    return inTransaction(c -> c.failuresOf(account));
  }

  @Test
  void theFirstAttemptMakesTheRowAndCountsOne() {
    assertEquals(0, failures(), "no row, no failure");
    SecondStepPolicy.Attempt first = claim(T0);
    assertEquals(1, first.number());
    assertTrue(first.allowed());
    assertEquals(1, failures());
  }

  @Test
  void theAttemptThatReachesTheLimitLocksOnceAndTheLockEndsOnTime() {
    int locks = 0;
    for (int i = 1; i <= 22; i++) {
      // far enough apart that no growing wait refuses them
      SecondStepPolicy.Attempt attempt = claim(T0.plus(Duration.ofMinutes(i)));
      assertEquals(i, attempt.number());
      assertEquals(i <= 20, attempt.allowed(), "attempt " + i);
      locks += attempt.lockedNow() ? 1 : 0;
    }
    assertEquals(1, locks, "only the 20th attempt sets the lock");
    Instant lockedUntil = inTransaction(c -> c.lockedUntil(account)).orElseThrow();
    assertEquals(T0.plus(Duration.ofMinutes(20)).plus(Duration.ofMinutes(15)), lockedUntil);

    SecondStepPolicy.Attempt afterTheLock = claim(lockedUntil);
    assertEquals(1, afterTheLock.number(), "an ended lock is released and counting starts again");
    assertTrue(afterTheLock.allowed());
  }

  @Test
  void aGivenBackAttemptIsNotCountedAndNeverGoesBelowZero() {
    claim(T0);
    claim(T0.plus(Duration.ofMinutes(1)));
    inTransaction(
        c -> {
          c.giveBack(account, POLICY);
          c.giveBack(account, POLICY);
          c.giveBack(account, POLICY);
          return null;
        });
    assertEquals(0, failures());
  }

  @Test
  void aResetForgetsTheFailuresAndTheLock() {
    for (int i = 1; i <= 20; i++) {
      claim(T0.plus(Duration.ofMinutes(i)));
    }
    assertTrue(inTransaction(c -> c.lockedUntil(account)).isPresent());
    inTransaction(
        c -> {
          c.reset(account);
          return null;
        });
    assertEquals(0, failures());
    assertFalse(inTransaction(c -> c.lockedUntil(account)).isPresent());
  }

  @Test
  void parallelFirstAttemptsAreAllCountedAndOneSetsTheLock() throws Exception {
    SecondStepPolicy lockAtFive = new SecondStepPolicy(5, Duration.ofMinutes(15));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SecondStepPolicy.Attempt>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> inTransaction(c -> c.claim(account, lockAtFive, T0)));
      }
      int locks = 0;
      for (Future<SecondStepPolicy.Attempt> attempt : pool.invokeAll(calls)) {
        locks += attempt.get().lockedNow() ? 1 : 0;
      }
      assertEquals(8, failures(), "every parallel attempt is counted, the first ones made one row");
      assertEquals(1, locks);
    } finally {
      pool.shutdownNow();
    }
  }
}
