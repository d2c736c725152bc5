package dev.portcullis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.PasswordHashing;
import dev.portcullis.platform.JpaOnH2;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The password throttle's store without a server: the application's persistence unit with
 * EclipseLink on an H2 database migrated by the application's Flyway scripts; the methods the
 * container runs in transactions of their own run in one here too.
 */
class PasswordThrottleTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private static JpaOnH2 jpa;
  private static JdbcDataSource db;
  private static EntityManagerFactory emf;

  private Instant now = T0;
  private final String email = "someone+" + UUID.randomUUID() + "@example.com";
  private final String address = "198.51.100." + (int) (Math.random() * 250);

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("throttle");
    db = jpa.dataSource();
    emf = jpa.entityManagers();
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  /**
   * A throttle as the container builds it (10 per email, 100 per address, 15 minutes), whose own
   * transactions are the entity manager's; the clock is this test's {@link #now}.
   */
  private PasswordThrottle throttle(EntityManager em) {
    PasswordThrottle throttle =
        new PasswordThrottle() {
          @Override
          public void increment(String key, int limit, Instant at) {
            inTransaction(em, () -> super.increment(key, limit, at));
          }

          @Override
          public void recordSuccess(String email) {
            inTransaction(em, () -> super.recordSuccess(email));
          }
        };
    throttle.em = em;
    throttle.dataSource = db;
    throttle.self = throttle;
    throttle.clock = Clock.fixed(now, ZoneOffset.UTC);
    throttle.perAccount = 10;
    throttle.perAddress = 100;
    throttle.windowMinutes = 15;
    return throttle;
  }

  private static void inTransaction(EntityManager em, Runnable work) {
    em.getTransaction().begin();
    try {
      work.run();
      em.getTransaction().commit();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
    }
  }

  private <T> T with(java.util.function.Function<PasswordThrottle, T> call) {
    EntityManager em = emf.createEntityManager();
    try {
      return call.apply(throttle(em));
    } finally {
      em.close();
    }
  }

  private int failures() {
    Integer counted = with(t -> t.failuresFor(email));
    return counted;
  }

  private PasswordThrottle.Verdict attempt(String who, String from, boolean right) {
    return with(t -> t.attempt(who, from, () -> right));
  }

  @Test
  void tenWrongPasswordsPauseTheEmailForTheWindowWithoutLookingAtTheEleventh() {
    for (int i = 0; i < 10; i++) {
      assertEquals(PasswordThrottle.Verdict.WRONG, attempt(email, address, false));
    }
    AtomicBoolean looked = new AtomicBoolean();
    PasswordThrottle.Verdict eleventh =
        with(
            t ->
                t.attempt(
                    email,
                    "192.0.2.1",
                    () -> {
                      looked.set(true);
                      return true;
                    }));
    assertEquals(PasswordThrottle.Verdict.PAUSED, eleventh, "even the right password, elsewhere");
    assertFalse(looked.get(), "a paused attempt never reaches the password");
    assertEquals(Duration.ofMinutes(15), with(t -> t.paused(email, "192.0.2.1")).orElseThrow());
    now = T0.plus(Duration.ofMinutes(15)).plusSeconds(1);
    assertEquals(PasswordThrottle.Verdict.RIGHT, attempt(email, "192.0.2.1", true), "it ends");
  }

  @Test
  void aPasswordTheServerWasTooBusyToCheckIsNotCountedAsWrong() {
    attempt(email, address, false);
    for (int i = 0; i < 20; i++) {
      assertThrows(
          PasswordHashing.Busy.class,
          () ->
              with(
                  t ->
                      t.attempt(
                          email,
                          address,
                          () -> {
                            throw new PasswordHashing.Busy();
                          })));
    }
    assertEquals(1, failures());
    assertEquals(PasswordThrottle.Verdict.RIGHT, attempt(email, address, true));
  }

  @Test
  void aHundredWrongPasswordsFromOneAddressPauseItForEveryEmail() {
    for (int i = 0; i < 100; i++) {
      attempt("victim" + i + "+" + UUID.randomUUID() + "@example.com", address, false);
    }
    assertEquals(PasswordThrottle.Verdict.PAUSED, attempt(email, address, true));
    assertEquals(PasswordThrottle.Verdict.RIGHT, attempt(email, "192.0.2.2", true));
  }

  @Test
  void aRightPasswordClearsTheEmailsCountButNotTheAddresss() {
    for (int i = 0; i < 9; i++) {
      attempt(email, address, false);
    }
    assertEquals(PasswordThrottle.Verdict.RIGHT, attempt(email, address, true));
    assertEquals(0, failures());
    for (int i = 0; i < 9; i++) {
      attempt(email, address, false);
    }
    assertEquals(PasswordThrottle.Verdict.RIGHT, attempt(email, address, true), "9 again: open");
  }

  @Test
  void failuresOlderThanTheWindowStartTheCountAgain() {
    for (int i = 0; i < 9; i++) {
      attempt(email, address, false);
    }
    now = T0.plus(Duration.ofMinutes(16));
    attempt(email, address, false);
    assertEquals(1, failures(), "a new window, with this failure only");
  }

  @Test
  void parallelFirstFailuresOfOneEmailAreAllCounted() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<PasswordThrottle.Verdict>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> attempt(email, address, false));
      }
      for (Future<PasswordThrottle.Verdict> verdict : pool.invokeAll(calls)) {
        assertEquals(PasswordThrottle.Verdict.WRONG, verdict.get());
      }
      assertEquals(8, failures());
      assertTrue(with(t -> t.paused(email, address)).isEmpty(), "8 of 10: not paused yet");
    } finally {
      pool.shutdownNow();
    }
  }
}
