package dev.portcullis.yubikey;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactor;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.platform.SealedSecretStore;
import dev.portcullis.platform.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The YubiKeys of accounts, and the YubiKey as a {@link SecondFactorMethod}.
 *
 * <p>An OTP is accepted only if its public id names a key of this account, the key's validator
 * accepts it, and (whenever the validator reports counters) its counter is greater than the last
 * accepted one, recorded by one conditional UPDATE that must touch exactly one row. A validation
 * service that does not answer properly yields {@link Check.Unavailable}: not a failure, and the
 * user is offered another method.
 */
@ApplicationScoped
public class YubiKeyFactors implements SecondFactorMethod, SealedSecretStore {

  private static final Logger LOG = Logger.getLogger(YubiKeyFactors.class.getName());

  public static final String NAME = "YubiKey";

  /** The words for the user when the key cannot be checked now. */
  public static final String UNAVAILABLE =
      "YubiKey validation is unavailable right now, use another method (your authenticator app or a"
          + " recovery code).";

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject CloudValidation cloud;
  @Inject LocalValidation local;
  @Inject SecretBox secretBox;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(TypedCode code) {
    return YubicoOtp.hasOtpLength(code);
  }

  /** Returns the account's keys, oldest first. */
  public List<YubiKeyFactor> of(String accountId) {
    return em.createNamedQuery(YubiKeyFactor.OF_ACCOUNT, YubiKeyFactor.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  Optional<YubiKeyFactor> byPublicId(String publicId) {
    return em.createNamedQuery(YubiKeyFactor.BY_PUBLIC_ID, YubiKeyFactor.class)
        .setParameter("publicId", publicId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public boolean activeFor(String accountId) {
    return !of(accountId).isEmpty();
  }

  @Override
  @Transactional
  public Check verifyAndConsume(String accountId, TypedCode code) {
    Optional<String> problem = YubicoOtp.problemWith(code);
    if (problem.isPresent()) {
      return new Check.Unreadable(problem.get());
    }
    YubicoOtp otp = YubicoOtp.parse(code).orElseThrow();
    Optional<YubiKeyFactor> key = byPublicId(otp.publicId()).filter(k -> k.belongsTo(accountId));
    if (key.isEmpty()) {
      LOG.info(() -> "YubiKey " + otp.publicId() + " is not registered to account " + accountId);
      return Check.failed();
    }
    ValidationResult result = validate(key.get(), otp);
    return accept(key.get(), otp, result);
  }

  private ValidationResult validate(YubiKeyFactor key, YubicoOtp otp) {
    if (key.validation() == YubiKeyFactor.Validation.CLOUD) {
      return cloud.validate(otp);
    }
    byte[] aesKey =
        secretBox.open(key.sealedAesKey(), YubiKeyFactor.owner(key.accountId(), key.id(), "aes"));
    byte[] privateId =
        secretBox.open(
            key.sealedPrivateId(), YubiKeyFactor.owner(key.accountId(), key.id(), "uid"));
    try {
      return local.validate(otp, aesKey, privateId);
    } finally {
      Arrays.fill(aesKey, (byte) 0);
      Arrays.fill(privateId, (byte) 0);
    }
  }

  /**
   * Turns a validator's answer into the method's answer, using up the OTP. Runs in a transaction.
   */
  Check accept(YubiKeyFactor key, YubicoOtp otp, ValidationResult result) {
    Instant now = clock.instant();
    if (result instanceof ValidationResult.Unavailable) {
      return new Check.Unavailable(UNAVAILABLE);
    }
    if (result instanceof ValidationResult.Replayed) {
      events.fire(
          new SecurityEvent(
              key.accountId(), SecurityEvent.Type.REPLAY_DETECTED, "YubiKey " + otp.publicId()));
      LOG.warning(
          () ->
              "Security event: a replayed OTP of YubiKey "
                  + otp.publicId()
                  + " (account "
                  + key.accountId()
                  + ")");
      return Check.failed();
    }
    if (result instanceof ValidationResult.Invalid invalid) {
      LOG.info(() -> "OTP of YubiKey " + otp.publicId() + " refused: " + invalid.why());
      return Check.failed();
    }
    long counter = ((ValidationResult.Valid) result).counter();
    int won =
        counter >= 0
            ? em.createNamedQuery(YubiKeyFactor.ACCEPT_COUNTER)
                .setParameter("counter", counter)
                .setParameter("now", now)
                .setParameter("id", key.id())
                .executeUpdate()
            : em.createNamedQuery(YubiKeyFactor.MARK_USED)
                .setParameter("now", now)
                .setParameter("id", key.id())
                .executeUpdate();
    if (won != 1) {
      events.fire(
          new SecurityEvent(
              key.accountId(), SecurityEvent.Type.REPLAY_DETECTED, "YubiKey " + otp.publicId()));
      LOG.warning(
          () ->
              "Security event: an old or replayed OTP of YubiKey "
                  + otp.publicId()
                  + " (account "
                  + key.accountId()
                  + ")");
      return Check.failed();
    }
    return Check.passed(new Verified(NAME, 0, -1));
  }

  @Override
  public List<FactorSummary> factorsOf(String accountId) {
    return of(accountId).stream().map(YubiKeyFactor::summary).toList();
  }

  /** Removes one key of the account. */
  @Override
  @Transactional
  public boolean remove(String accountId, String factorId) {
    Optional<YubiKeyFactor> key =
        of(accountId).stream().filter(k -> k.id().equals(factorId)).findFirst();
    boolean removed =
        key.isPresent() && SecondFactor.removeOne(em, YubiKeyFactor.class, accountId, factorId);
    if (removed) {
      events.fire(
          new SecurityEvent(
              accountId,
              SecurityEvent.Type.FACTOR_REMOVED,
              "YubiKey \"" + key.get().name() + "\" (" + key.get().publicId() + ")"));
    }
    return removed;
  }

  @Override
  @Transactional
  public void removeAll(String accountId) {
    SecondFactor.removeAll(em, YubiKeyFactor.class, accountId);
  }

  @Override
  @Transactional
  public int resealAll(SecretBox box) {
    int count = 0;
    for (YubiKeyFactor key :
        em.createQuery(
                "SELECT k FROM YubiKeyFactor k WHERE k.validation = :local", YubiKeyFactor.class)
            .setParameter("local", YubiKeyFactor.Validation.LOCAL)
            .getResultList()) {
      if (box.sealedWithOtherKey(key.sealedAesKey())
          || box.sealedWithOtherKey(key.sealedPrivateId())) {
        key.resealed(
            box.reseal(key.sealedAesKey(), YubiKeyFactor.owner(key.accountId(), key.id(), "aes")),
            box.reseal(
                key.sealedPrivateId(), YubiKeyFactor.owner(key.accountId(), key.id(), "uid")));
        count += 2;
      }
    }
    return count;
  }
}
