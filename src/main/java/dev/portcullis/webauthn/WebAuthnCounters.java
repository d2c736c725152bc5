package dev.portcullis.webauthn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The conditional UPDATEs of a security key's signature counter: the only writes to it after
 * registration, so two answers of one key (on one node or two) cannot both count, and a counter
 * cannot go back.
 */
@ApplicationScoped
public class WebAuthnCounters {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  /**
   * Records an accepted answer with signature counter {@code counter}: only if it is greater than
   * the stored one, or both are 0 (an authenticator that keeps no counter), and the key is not
   * marked possibly cloned. Returns whether it did (exactly one row).
   */
  @Transactional
  public boolean advance(String factorId, long counter, Instant now) {
    return em.createNamedQuery(WebAuthnFactor.ACCEPT_COUNTER)
            .setParameter("counter", counter)
            .setParameter("now", now)
            .setParameter("id", factorId)
            .executeUpdate()
        == 1;
  }

  /** Marks the key possibly cloned (once; the first time stays): it is refused from then on. */
  @Transactional
  public void markCloned(String factorId, Instant now) {
    em.createNamedQuery(WebAuthnFactor.MARK_CLONED)
        .setParameter("now", now)
        .setParameter("id", factorId)
        .executeUpdate();
  }
}
