package dev.portcullis.account;

import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes through the platform's {@link Pbkdf2PasswordHash}: PBKDF2-HMAC-SHA512 with a
 * 32-byte random salt and {@code portcullis.password.iterations} iterations (default 210,000,
 * OWASP's figure for SHA-512). The stored value carries its own algorithm, iterations and salt, so
 * raising the setting later keeps old hashes verifiable.
 */
@ApplicationScoped
public class PasswordHashing implements StartupCheck {

  public static final int MIN_ITERATIONS = 210_000;

  @Inject Pbkdf2PasswordHash pbkdf2;

  @Inject
  @ConfigProperty(name = "portcullis.password.iterations", defaultValue = "210000")
  int iterations;

  /**
   * A hash of a password nobody has, verified when an email is unknown so both cases take as long.
   */
  private String decoy;

  /** Reaching the bean at start-up creates it, so a wrong setting stops the start. */
  @Override
  public void check() {}

  @PostConstruct
  void configure() {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalStateException(
          "portcullis.password.iterations must be at least "
              + MIN_ITERATIONS
              + " (PBKDF2-HMAC-SHA512), but it is "
              + iterations);
    }
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    decoy = pbkdf2.generate("decoy password that is never used".toCharArray());
  }

  /** Returns the encoded hash of {@code password}; never null. */
  public String hash(String password) {
    return pbkdf2.generate(password.toCharArray());
  }

  /**
   * Returns whether {@code password} matches {@code storedHash}; never throws for a wrong password.
   */
  public boolean matches(String password, String storedHash) {
    return pbkdf2.verify(password.toCharArray(), storedHash);
  }

  /** Spends the time of one verification, for an email that has no account. */
  public void spendTimeOfOneVerification(String password) {
    pbkdf2.verify(password.toCharArray(), decoy);
  }
}
