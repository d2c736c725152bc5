package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.PasswordHashing.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  /** Made by Liberty's Pbkdf2PasswordHash for an account of an earlier version. */
  static final String LIBERTY_PBKDF2 =
      "PBKDF2WithHmacSHA512:210000:vumZKZVVIa+SXuyblaY9fkbyAd7hJ7ARgUyuRAkpnsY=:"
          + "69l2r5SAmx6tn70T9GqvMZOMH9vRz2pSIWdFd6LYLgQmFoItuLSX2EcBx1pm9bzFSRKWGyZTinMsJwx/U+zM8w==";

  static final String ITS_PASSWORD = "correct horse battery staple";

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Hashing as the container builds it with the default settings, on {@code engine}. */
  static PasswordHashing hashing(Argon2Engine engine) {
    return hashing(engine, 19_456, 2, 1);
  }

  static PasswordHashing hashing(Argon2Engine engine, int memoryKib, int iterations, int lanes) {
    return hashing(engine, memoryKib, iterations, lanes, 0, 200, 10);
  }

  static PasswordHashing hashing(
      Argon2Engine engine,
      int memoryKib,
      int iterations,
      int lanes,
      int atOnce,
      int maxWaiting,
      int waitSeconds) {
    PasswordHashing hashing = new PasswordHashing();
    hashing.memoryKib = memoryKib;
    hashing.iterations = iterations;
    hashing.parallelism = lanes;
    hashing.concurrentHashes = atOnce;
    hashing.maxWaiting = maxWaiting;
    hashing.waitSeconds = waitSeconds;
    hashing.configure(engine);
    return hashing;
  }

  @Test
  void aNewHashIsArgon2idAtOwaspsParametersAndVerifies() {
    PasswordHashing hashing = hashing(new NativeArgon2());
    String stored = hashing.hash("pässword with ünïcode");
    assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
    assertEquals(Verdict.RIGHT, hashing.verify("pässword with ünïcode", stored));
    assertEquals(Verdict.WRONG, hashing.verify("password with unicode", stored));
    assertFalse(stored.equals(hashing.hash("pässword with ünïcode")), "a fresh salt each time");
  }

  @Test
  void aPbkdf2HashOfAnEarlierVersionVerifiesAndIsOutdated() {
    PasswordHashing hashing = hashing(new NativeArgon2());
    assertEquals(Verdict.RIGHT_BUT_OUTDATED, hashing.verify(ITS_PASSWORD, LIBERTY_PBKDF2));
    assertEquals(Verdict.WRONG, hashing.verify(ITS_PASSWORD + " ", LIBERTY_PBKDF2));
  }

  @Test
  void aHashWeakerThanTodaysSettingsIsOutdatedAndAStrongerOneIsNot() {
    PasswordHashing weak = hashing(new NativeArgon2(), 19_456, 2, 1);
    PasswordHashing strong = hashing(new NativeArgon2(), 19_456, 3, 1);
    String weakHash = weak.hash("the password");
    String strongHash = strong.hash("the password");
    assertEquals(Verdict.RIGHT_BUT_OUTDATED, strong.verify("the password", weakHash));
    assertEquals(Verdict.RIGHT, strong.verify("the password", strongHash));
    assertEquals(Verdict.RIGHT, weak.verify("the password", strongHash));
    assertEquals(Verdict.WRONG, strong.verify("the passworD", weakHash));
  }

  @Test
  void aStoredValueInNoKnownFormatIsWrongAndNeverThrows() {
    PasswordHashing hashing = hashing(new NativeArgon2());
    String good = hashing.hash("pw");
    for (String stored :
        List.of(
            "",
            "plain text password",
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFza",
            good.substring(0, good.length() - 1) + "!",
            good.replace("$v=19$", "$v=19$$"),
            "PBKDF2WithHmacSHA512:0:vumZKZVVIa+SXuyblaY9fkbyAd7hJ7ARgUyuRAkpnsY=:69l2r5SA",
            "PBKDF2WithHmacSHA512:210000:not base64!:69l2r5SA",
            "PBKDF2WithHmacMD5:1000:vumZKZVVIa+SXuyblaY9fkbyAd7hJ7ARgUyuRAkpnsY=:69l2r5SA",
            // costs no setting allows: refused without computing anything
            "$argon2id$v=19$m=999999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=19456,t=100000,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            LIBERTY_PBKDF2.replace(":210000:", ":999999999:"))) {
      assertEquals(Verdict.WRONG, hashing.verify("pw", stored), stored);
    }
  }

  @Test
  void settingsUnderOwaspsMinimumStopTheStartNamingTheSetting() {
    for (int[] p :
        new int[][] {
          {19_455, 2, 1}, {19_456, 1, 1}, {65_536, 2, 0}, {65_536, 2, 17}, {19_456, 101, 1}
        }) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> hashing(new JavaArgon2(), p[0], p[1], p[2]));
      assertTrue(e.getMessage().contains("portcullis.password.argon2.memory-kib"), e.getMessage());
    }
  }

  @Test
  void anUnknownEmailAndAWrongPasswordEachCostOneHashWithTodaysParameters() {
    CountingEngine counting = new CountingEngine(new NativeArgon2());
    PasswordHashing hashing = hashing(counting, 19_456, 3, 1);
    String stored = hashing.hash("the password");
    counting.calls.clear();

    hashing.spendTimeOfOneVerification("a guess");
    List<Argon2Parameters> decoy = List.copyOf(counting.calls);
    counting.calls.clear();
    hashing.verify("a guess", stored);
    List<Argon2Parameters> account = List.copyOf(counting.calls);

    assertEquals(List.of(new Argon2Parameters(19_456, 3, 1)), decoy);
    assertEquals(decoy, account);
  }

  @Test
  void whenEveryPermitIsTakenAndNobodyMayWaitTheNextIsTurnedAwayAtOnce() throws Exception {
    Held held = holdTheOnlyPermit(0);

    assertThrows(PasswordHashing.Busy.class, () -> held.hashing.verify("pw", held.stored));
    assertThrows(PasswordHashing.Busy.class, () -> held.hashing.hash("pw"));

    held.blocking.release();
    assertEquals(Verdict.RIGHT, held.first.get(10, TimeUnit.SECONDS));
    assertEquals(Verdict.RIGHT, held.hashing.verify("pw", held.stored), "the permit came back");
  }

  @Test
  void aWaitingRequestGetsThePermitWhenItIsFreedAndGivesUpAfterTheWait() throws Exception {
    Held held = holdTheOnlyPermit(1);

    // one may wait: it gives up after the wait of one second
    assertThrows(PasswordHashing.Busy.class, () -> held.hashing.verify("pw", held.stored));

    Future<Verdict> waiting = threads.submit(() -> held.hashing.verify("pw", held.stored));
    Thread.sleep(100);
    held.blocking.release();
    assertEquals(Verdict.RIGHT, held.first.get(10, TimeUnit.SECONDS));
    assertEquals(Verdict.RIGHT, waiting.get(10, TimeUnit.SECONDS));
  }

  private record Held(
      PasswordHashing hashing, String stored, BlockingEngine blocking, Future<Verdict> first) {}

  /**
   * Hashing with one permit and {@code maxWaiting} who may wait one second for it, whose permit a
   * verification on another thread holds until {@code blocking.release()}.
   */
  private Held holdTheOnlyPermit(int maxWaiting) throws InterruptedException {
    BlockingEngine blocking = new BlockingEngine(new NativeArgon2());
    PasswordHashing hashing = hashing(blocking, 19_456, 2, 1, 1, maxWaiting, 1);
    String stored = hashing.hash("pw");
    blocking.hold();
    Future<Verdict> first = threads.submit(() -> hashing.verify("pw", stored));
    assertTrue(blocking.entered.await(10, TimeUnit.SECONDS));
    return new Held(hashing, stored, blocking, first);
  }

  /** Records the parameters of every hash computed. */
  static final class CountingEngine implements Argon2Engine {
    final List<Argon2Parameters> calls = Collections.synchronizedList(new ArrayList<>());
    private final Argon2Engine engine;

    CountingEngine(Argon2Engine engine) {
      this.engine = engine;
    }

    @Override
    public byte[] argon2id(
        byte[] password, byte[] salt, byte[] secret, byte[] data, Argon2Parameters p, int length) {
      calls.add(p);
      return engine.argon2id(password, salt, secret, data, p, length);
    }

    @Override
    public String name() {
      return "counting";
    }
  }

  /** Holds every hash computed after {@link #hold()} until {@link #release()}. */
  static final class BlockingEngine implements Argon2Engine {
    volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Argon2Engine engine;

    BlockingEngine(Argon2Engine engine) {
      this.engine = engine;
    }

    void hold() {
      entered = new CountDownLatch(1);
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public byte[] argon2id(
        byte[] password, byte[] salt, byte[] secret, byte[] data, Argon2Parameters p, int length) {
      entered.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return engine.argon2id(password, salt, secret, data, p, length);
    }

    @Override
    public String name() {
      return "blocking";
    }
  }
}
