package dev.portcullis.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one password hash with each candidate, in one run: Argon2id at OWASP's parameters (19
 * MiB, 2 passes, 1 lane) through the reference C library and through Bouncy Castle, and the
 * PBKDF2-HMAC-SHA512 at 210,000 iterations that earlier versions stored. Not part of {@code mvn
 * verify}; run it with {@code mvn -Pbench test}, or with the login benchmark {@code mvn -Pbench
 * verify} (README, docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@State(Scope.Benchmark)
public class PasswordHashBenchmark {

  @Param({"reference-c", "bouncy-castle"})
  String argon2;

  private Argon2Engine engine;
  private final byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private final byte[] salt = new byte[16];
  private final byte[] pbkdf2Salt = new byte[32];

  @Setup
  public void choose() {
    engine = argon2.equals("reference-c") ? new NativeArgon2() : new JavaArgon2();
    new SecureRandom().nextBytes(salt);
    new SecureRandom().nextBytes(pbkdf2Salt);
  }

  @Benchmark
  public byte[] argon2idOwasp() {
    return engine.argon2id(password, salt, new byte[0], new byte[0], Argon2Parameters.OWASP, 32);
  }

  /** The same for both values of the parameter: JMH runs it twice, a check of the run's noise. */
  @Benchmark
  public byte[] pbkdf2Sha512At210000() throws GeneralSecurityException {
    return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
        .generateSecret(
            new PBEKeySpec("correct horse battery staple".toCharArray(), pbkdf2Salt, 210_000, 512))
        .getEncoded();
  }
}
