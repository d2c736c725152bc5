package dev.portcullis.totp;

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
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The TOTP factors of accounts, and TOTP as a {@link SecondFactorMethod}.
 *
 * <p>A code is accepted only for a time step strictly later than the last accepted one, by one
 * conditional UPDATE that must touch exactly one row: two requests with the same code, on one node
 * or two, cannot both win. {@code portcullis.totp.window} (default 1) is how many steps before and
 * after the server's current step are tried, for phones whose clock is a little off.
 */
@ApplicationScoped
public class TotpFactors implements SecondFactorMethod, SealedSecretStore {

  public static final String NAME = "TOTP";

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject SecretBox secretBox;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.totp.window", defaultValue = "1")
  int window;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(TypedCode code) {
    return code.isDigits(6) || code.isDigits(7) || code.isDigits(8);
  }

  /** Returns the account's factors, newest first: at most one active, and perhaps one pending. */
  public List<TotpFactor> of(String accountId) {
    return em.createNamedQuery(TotpFactor.FIND_BY_ACCOUNT, TotpFactor.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  public Optional<TotpFactor> active(String accountId) {
    return of(accountId).stream().filter(TotpFactor::active).findFirst();
  }

  @Override
  public List<FactorSummary> factorsOf(String accountId) {
    return active(accountId).map(f -> List.of(f.summary())).orElse(List.of());
  }

  @Override
  public boolean activeFor(String accountId) {
    return active(accountId).isPresent();
  }

  @Override
  @Transactional
  public Check verifyAndConsume(String accountId, TypedCode code) {
    return active(accountId).map(factor -> acceptCode(factor, code)).orElseGet(Check::failed);
  }

  /**
   * Accepts {@code code} for {@code factor} if it matches a step in the window that is later than
   * the last accepted step, and records that step. Must run in a transaction.
   */
  Check acceptCode(TotpFactor factor, TypedCode code) {
    Totp totp = factor.totp();
    if (!code.isDigits(totp.digits())) {
      return Check.failed();
    }
    Instant now = clock.instant();
    long currentStep = totp.stepAt(now);
    byte[] secret = secretBox.open(factor.sealedSecret(), factor.owner());
    OptionalLong step;
    try {
      step = totp.matchingStep(secret, code.value(), currentStep, window);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    if (step.isEmpty()) {
      return Check.failed();
    }
    int drift = (int) (step.getAsLong() - currentStep);
    int won =
        em.createNamedQuery(TotpFactor.ACCEPT_STEP)
            .setParameter("step", step.getAsLong())
            .setParameter("drift", drift)
            .setParameter("now", now)
            .setParameter("id", factor.id())
            .executeUpdate();
    if (won != 1) {
      events.fire(
          new SecurityEvent(
              factor.accountId(), SecurityEvent.Type.REPLAY_DETECTED, "authenticator app code"));
      return Check.failed();
    }
    // One neighbouring match happens whenever a code is typed across a step boundary; the same
    // neighbour twice in a row means the device clock really is off, and the user is told.
    boolean clockIsOff = drift != 0 && drift == factor.driftSteps();
    return Check.passed(
        new Verified(NAME, clockIsOff ? (long) drift * totp.periodSeconds() : 0, -1));
  }

  /** Deletes every TOTP factor of the account, pending or active. */
  @Override
  @Transactional
  public void removeAll(String accountId) {
    SecondFactor.removeAll(em, TotpFactor.class, accountId);
  }

  @Override
  @Transactional
  public int resealAll(SecretBox box) {
    int count = 0;
    for (TotpFactor factor :
        em.createQuery("SELECT f FROM TotpFactor f", TotpFactor.class).getResultList()) {
      if (box.sealedWithOtherKey(factor.sealedSecret())) {
        factor.resealed(box.reseal(factor.sealedSecret(), factor.owner()));
        count++;
      }
    }
    return count;
  }
}
