package dev.portcullis.audit;

import dev.portcullis.platform.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Stores every {@link SecurityEvent} with the time, the client address and the user agent of the
 * request it happened in. Each event is stored in its own transaction, so an event about a failure
 * is kept even when the failing work is rolled back.
 */
@ApplicationScoped
public class AuditTrail {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Clock clock;
  @Inject Instance<HttpServletRequest> request;
  @Inject ClientAddress clientAddress;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void record(@Observes SecurityEvent event) {
    String address = null;
    String userAgent = null;
    try {
      HttpServletRequest current = request.get();
      address = clientAddress.of(current);
      userAgent = current.getHeader("User-Agent");
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      // an event outside any HTTP request (a background task) has no address or browser
    }
    em.persist(new AuditEntry(event, clock.instant(), address, userAgent));
  }

  /** Returns the account's most recent events, newest first. */
  public List<AuditEntry> recent(String accountId, int max) {
    return em.createNamedQuery(AuditEntry.RECENT, AuditEntry.class)
        .setParameter("accountId", accountId)
        .setMaxResults(max)
        .getResultList();
  }
}
