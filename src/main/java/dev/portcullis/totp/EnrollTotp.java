package dev.portcullis.totp;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactorMethod.Check;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.platform.SecretBox;
import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adds an authenticator app to an account: a new 160-bit secret from {@link SecureRandom} is kept
 * server-side (sealed, in a pending factor) until the user proves the app works by typing a code.
 * That code uses up its time step, like any later login code.
 */
@ApplicationScoped
public class EnrollTotp implements StartupCheck {

  /**
   * A pending secret older than this is replaced by a new one when the enrollment page is opened.
   */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(30);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 20;

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject TotpFactors factors;
  @Inject SecretBox secretBox;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.totp.issuer", defaultValue = "Portcullis")
  String issuer;

  @Inject
  @ConfigProperty(name = "portcullis.totp.algorithm", defaultValue = "SHA1")
  Totp.Algorithm algorithm;

  @Inject
  @ConfigProperty(name = "portcullis.totp.digits", defaultValue = "6")
  int digits;

  @Inject
  @ConfigProperty(name = "portcullis.totp.period-seconds", defaultValue = "30")
  int periodSeconds;

  /** Reaching the bean at start-up creates it, so a wrong issuer stops the start. */
  @Override
  public void check() {}

  @PostConstruct
  void checkSettings() {
    OtpAuthUri.problemWithIssuer(issuer)
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem);
            });
  }

  /**
   * What the user needs to add the account to an app. Holds the secret: render it into the page and
   * the QR image only, never into a log, a URL or view state.
   */
  public record PendingSecret(
      String factorId,
      String base32Secret,
      String otpauthUri,
      String issuer,
      String shownAccount,
      int digits) {
    /** The secret in groups of four characters, for typing it in by hand. */
    public String groupedSecret() {
      return base32Secret.replaceAll("(.{4})(?=.)", "$1 ");
    }

    @Override
    public String toString() {
      return "PendingSecret[" + factorId + ", secret redacted]";
    }
  }

  /** Thrown when the account already has an active authenticator app. */
  public static class AlreadyEnabled extends Exception {
    AlreadyEnabled() {
      super("Time-based one-time passwords are already enabled for this account.");
    }
  }

  /**
   * Starts, or continues, adding an app: returns the pending secret of the account, making a new
   * one if there is none or it is older than {@link #PENDING_LIFETIME}.
   *
   * @param accountLabel the account name the app shows, normally the email address
   */
  @Transactional(rollbackOn = AlreadyEnabled.class)
  public PendingSecret begin(String accountId, String accountLabel) throws AlreadyEnabled {
    Instant now = clock.instant();
    Optional<TotpFactor> fresh = Optional.empty();
    for (TotpFactor factor : factors.of(accountId)) {
      if (factor.active()) {
        throw new AlreadyEnabled();
      }
      if (fresh.isEmpty() && freshPending(factor, now)) {
        fresh = Optional.of(factor);
      } else {
        em.remove(factor);
      }
    }
    TotpFactor factor = fresh.orElseGet(() -> newPendingFactor(accountId, now));
    return pendingSecret(factor, accountLabel);
  }

  /** Returns the account's current pending secret, if any, without making one. */
  @Transactional
  public Optional<PendingSecret> pending(String accountId, String accountLabel) {
    Instant now = clock.instant();
    return factors.of(accountId).stream()
        .filter(f -> freshPending(f, now))
        .findFirst()
        .map(f -> pendingSecret(f, accountLabel));
  }

  /**
   * Activates the pending factor if {@code code} is its current code (within the window), using up
   * the code's time step.
   *
   * @return {@link Check.Passed} when the factor is now active, {@link Check.Failed} if there is no
   *     pending factor or the code is wrong
   */
  @Transactional
  public Check confirm(String accountId, TypedCode code) {
    Instant now = clock.instant();
    Optional<TotpFactor> pending =
        factors.of(accountId).stream().filter(f -> freshPending(f, now)).findFirst();
    if (pending.isEmpty() || factors.active(accountId).isPresent()) {
      return Check.failed();
    }
    Check check = factors.acceptCode(pending.get(), code);
    if (check instanceof Check.Passed) {
      pending.get().activate(now);
      events.fire(
          new SecurityEvent(
              accountId, SecurityEvent.Type.FACTOR_ADDED, "Time-Based (One-Time Password)"));
    }
    return check;
  }

  /** A factor not yet proven, made less than {@link #PENDING_LIFETIME} ago. */
  private static boolean freshPending(TotpFactor factor, Instant now) {
    return !factor.active() && factor.createdAt().isAfter(now.minus(PENDING_LIFETIME));
  }

  private TotpFactor newPendingFactor(String accountId, Instant now) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    try {
      String id = UUID.randomUUID().toString();
      TotpFactor factor =
          new TotpFactor(
              id,
              accountId,
              secretBox.seal(secret, TotpFactor.owner(accountId, id)),
              new Totp(algorithm, digits, periodSeconds),
              now);
      em.persist(factor);
      return factor;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private PendingSecret pendingSecret(TotpFactor factor, String accountLabel) {
    byte[] secret = secretBox.open(factor.sealedSecret(), factor.owner());
    try {
      String base32 = new Base32().encodeToString(secret).replace("=", "");
      return new PendingSecret(
          factor.id(),
          base32,
          OtpAuthUri.of(issuer, accountLabel, base32, factor.totp()),
          issuer,
          OtpAuthUri.shownAccount(issuer, accountLabel, base32, factor.totp()),
          factor.totp().digits());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
