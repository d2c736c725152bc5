package dev.portcullis.account;

import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Password hashes: Argon2id (RFC 9106) at {@code portcullis.password.argon2.*} (default and floor
 * OWASP's 19 MiB, 2 passes, 1 lane), a 16-byte random salt and a 32-byte tag, stored as a PHC
 * string that carries its own parameters. Hashes of earlier versions (PBKDF2) and hashes made with
 * weaker parameters than today's still verify and are reported {@link Verdict#RIGHT_BUT_OUTDATED},
 * so that the caller replaces them. At most {@code portcullis.password.concurrent-hashes} hashes
 * run at once (default: one per core), so a burst of logins cannot take unbounded memory; the
 * others wait, a bounded number for a bounded time, or get {@link Busy}.
 */
@ApplicationScoped
public class PasswordHashing implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(PasswordHashing.class.getName());

  /** A timer of the CPU time each password hash took ({@code /metrics}). */
  public static final String HASH_CPU_METRIC = "portcullis.password.hash.cpu";

  static final int SALT_BYTES = 16;
  static final int TAG_BYTES = 32;

  /** What a password comes to against a stored hash. */
  public enum Verdict {
    WRONG,
    RIGHT,
    /** Right, and the stored hash is of an earlier kind or weaker than today's: hash it anew. */
    RIGHT_BUT_OUTDATED
  }

  /** Too many passwords are being hashed right now; nothing was checked. Try again shortly. */
  public static final class Busy extends RuntimeException {
    public Busy() {
      super("too many passwords are being hashed at once", null, false, false);
    }
  }

  @Inject
  @ConfigProperty(name = "portcullis.password.argon2.memory-kib", defaultValue = "19456")
  int memoryKib;

  @Inject
  @ConfigProperty(name = "portcullis.password.argon2.iterations", defaultValue = "2")
  int iterations;

  @Inject
  @ConfigProperty(name = "portcullis.password.argon2.parallelism", defaultValue = "1")
  int parallelism;

  /** 0: one per core. */
  @Inject
  @ConfigProperty(name = "portcullis.password.concurrent-hashes", defaultValue = "0")
  int concurrentHashes;

  @Inject
  @ConfigProperty(name = "portcullis.password.max-waiting-hashes", defaultValue = "200")
  int maxWaiting;

  @Inject
  @ConfigProperty(name = "portcullis.password.hash-wait-seconds", defaultValue = "10")
  int waitSeconds;

  /** Absent outside the container (plain JUnit tests). */
  @Inject MetricRegistry registry;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final SecureRandom random = new SecureRandom();
  private Timer cpuTimer;
  private Argon2Engine engine;
  private Argon2Parameters parameters;
  private HashPermits permits;

  /** A hash of a password nobody has, verified when an email is unknown so both cases cost one. */
  private String decoy;

  /** Reaching the bean at start-up creates it, so a wrong setting stops the start. */
  @Override
  public void check() {}

  @PostConstruct
  void configure() {
    configure(Argon2Engine.fastest());
  }

  /** Checks the settings and takes {@code engine} (the tests choose one). */
  void configure(Argon2Engine engine) {
    Argon2Parameters floor = Argon2Parameters.OWASP;
    if (memoryKib < floor.memoryKib()
        || iterations < floor.iterations()
        || parallelism < floor.parallelism()
        || iterations > Argon2Hash.MAX_ITERATIONS
        || parallelism > Argon2Hash.MAX_LANES
        || memoryKib > Argon2Hash.MAX_MEMORY_KIB) {
      throw new IllegalStateException(
          "portcullis.password.argon2.memory-kib, .iterations and .parallelism must be at least "
              + floor.memoryKib()
              + ", "
              + floor.iterations()
              + " and "
              + floor.parallelism()
              + " (OWASP's Argon2id minimum; memory at most 4 GiB, at most 100 passes and 16 lanes), but they are "
              + memoryKib
              + ", "
              + iterations
              + " and "
              + parallelism);
    }
    if (concurrentHashes < 0 || maxWaiting < 0 || waitSeconds < 1) {
      throw new IllegalStateException(
          "portcullis.password.concurrent-hashes and .max-waiting-hashes must be 0 or more and"
              + " portcullis.password.hash-wait-seconds at least 1, but they are "
              + concurrentHashes
              + ", "
              + maxWaiting
              + " and "
              + waitSeconds);
    }
    this.engine = engine;
    this.parameters = new Argon2Parameters(memoryKib, iterations, parallelism);
    int atOnce =
        concurrentHashes == 0 ? Runtime.getRuntime().availableProcessors() : concurrentHashes;
    this.permits = new HashPermits(atOnce, maxWaiting, Duration.ofSeconds(waitSeconds));
    byte[] nobodys = new byte[24];
    random.nextBytes(nobodys);
    this.decoy = newHash(nobodys);
    // the CPU time of each hash, for operators and for the login benchmark (CPU beyond the hash)
    this.cpuTimer = registry == null ? null : registry.timer(HASH_CPU_METRIC);
    LOG.info(
        () ->
            "Password hashes: Argon2id with "
                + memoryKib
                + " KiB, "
                + iterations
                + " passes, "
                + parallelism
                + " lane(s), through "
                + engine.name()
                + "; at most "
                + atOnce
                + " at once");
  }

  /**
   * Returns the encoded hash of {@code password}; never null.
   *
   * @throws Busy when too many hashes are under way
   */
  public String hash(String password) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    return permits.run(() -> timed(() -> newHash(bytes)));
  }

  /**
   * Checks {@code password} against {@code storedHash}; never throws for a wrong password or a
   * stored value in no known format (that is wrong too).
   *
   * @throws Busy when too many hashes are under way; then nothing was checked
   */
  public Verdict verify(String password, String storedHash) {
    return permits.run(() -> timed(() -> compare(password, storedHash)));
  }

  /**
   * Spends the time of one verification with today's parameters, for an email that has no account.
   *
   * @throws Busy like {@link #verify}
   */
  public void spendTimeOfOneVerification(String password) {
    verify(password, decoy);
  }

  private <T> T timed(Supplier<T> hash) {
    long start = THREADS.getCurrentThreadCpuTime();
    try {
      return hash.get();
    } finally {
      if (cpuTimer != null) {
        cpuTimer.update(Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start));
      }
    }
  }

  private Verdict compare(String password, String storedHash) {
    Optional<Argon2Hash> argon2 = Argon2Hash.parse(storedHash);
    if (argon2.isPresent()) {
      Argon2Hash stored = argon2.get();
      byte[] tag =
          engine.argon2id(
              password.getBytes(StandardCharsets.UTF_8),
              stored.salt(),
              new byte[0],
              new byte[0],
              stored.parameters(),
              stored.tag().length);
      if (!MessageDigest.isEqual(tag, stored.tag())) {
        return Verdict.WRONG;
      }
      return stored.parameters().atLeast(parameters) && stored.salt().length >= SALT_BYTES
          ? Verdict.RIGHT
          : Verdict.RIGHT_BUT_OUTDATED;
    }
    return LegacyPbkdf2.matches(password.toCharArray(), storedHash)
        .map(right -> right ? Verdict.RIGHT_BUT_OUTDATED : Verdict.WRONG)
        .orElse(Verdict.WRONG);
  }

  private String newHash(byte[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] tag = engine.argon2id(password, salt, new byte[0], new byte[0], parameters, TAG_BYTES);
    return new Argon2Hash(parameters, salt, tag).encoded();
  }
}
