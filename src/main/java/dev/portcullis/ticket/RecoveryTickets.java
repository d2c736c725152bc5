package dev.portcullis.ticket;

import dev.portcullis.ticket.RecoveryRequest.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery requests' table. Every change of status is one conditional UPDATE that names the
 * status it leaves, and says whether it happened: of two nodes, or two clicks, one wins.
 */
@ApplicationScoped
public class RecoveryTickets {

  /** How long an unconfirmed request waits for its mailed link (the link's own lifetime). */
  static final Duration UNCONFIRMED_LIFETIME = Duration.ofHours(24);

  private static final List<Status> OPEN =
      List.of(Status.UNCONFIRMED, Status.CONFIRMED, Status.APPROVED);

  /**
   * Reads go to the database even for a request this persistence context already holds: the UPDATEs
   * below change rows behind its back, and a context can outlive a transaction (Liberty keeps one
   * per request for reads outside a transaction).
   */
  private static final String REFRESH = "eclipselink.refresh";

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  /** A new unconfirmed request; the account's earlier unconfirmed ones are cancelled. */
  @Transactional
  public RecoveryRequest create(
      String accountId, String whatHappened, String reference, String clientAddress, Instant now) {
    update(
        "UPDATE RecoveryRequest r SET r.status = :cancelled, r.closedAt = :now"
            + " WHERE r.accountId = :account AND r.status = :unconfirmed",
        Map.of(
            "cancelled",
            Status.CANCELLED,
            "now",
            now,
            "account",
            accountId,
            "unconfirmed",
            Status.UNCONFIRMED));
    RecoveryRequest request =
        new RecoveryRequest(accountId, whatHappened, reference, clientAddress, now);
    em.persist(request);
    return request;
  }

  /** The request {@code id} as the database has it now. */
  public Optional<RecoveryRequest> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(RecoveryRequest.class, id, Map.of(REFRESH, "true")));
  }

  /**
   * The account's open request at {@code now}: one confirmed or approved, or unconfirmed and still
   * within its link's lifetime; the newest if (against the rules) there were several.
   */
  public Optional<RecoveryRequest> open(String accountId, Instant now) {
    return em.createQuery(
            "SELECT r FROM RecoveryRequest r WHERE r.accountId = :account AND r.status IN :open"
                + " ORDER BY r.createdAt DESC",
            RecoveryRequest.class)
        .setHint(REFRESH, "true")
        .setParameter("account", accountId)
        .setParameter("open", OPEN)
        .getResultStream()
        .filter(
            r ->
                r.status() != Status.UNCONFIRMED
                    || r.createdAt().plus(UNCONFIRMED_LIFETIME).isAfter(now))
        .findFirst();
  }

  /** The account's newest request of any status. */
  public Optional<RecoveryRequest> newest(String accountId) {
    return em.createQuery(
            "SELECT r FROM RecoveryRequest r WHERE r.accountId = :account"
                + " ORDER BY r.createdAt DESC",
            RecoveryRequest.class)
        .setHint(REFRESH, "true")
        .setParameter("account", accountId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** How many requests the account made since {@code since}. */
  public long createdSince(String accountId, Instant since) {
    return em.createQuery(
            "SELECT COUNT(r) FROM RecoveryRequest r WHERE r.accountId = :account"
                + " AND r.createdAt > :since",
            Long.class)
        .setParameter("account", accountId)
        .setParameter("since", since)
        .getSingleResult();
  }

  /** UNCONFIRMED (and not expired) → CONFIRMED. */
  @Transactional
  public boolean confirm(String id, Instant now) {
    return update(
            "UPDATE RecoveryRequest r SET r.status = :confirmed, r.confirmedAt = :now"
                + " WHERE r.id = :id AND r.status = :unconfirmed AND r.createdAt > :oldest",
            Map.of(
                "confirmed",
                Status.CONFIRMED,
                "now",
                now,
                "id",
                id,
                "unconfirmed",
                Status.UNCONFIRMED,
                "oldest",
                now.minus(UNCONFIRMED_LIFETIME)))
        == 1;
  }

  /** CONFIRMED → APPROVED, taking effect at {@code effectiveAt}. */
  @Transactional
  public boolean approve(
      String id, String adminId, String reason, Instant now, Instant effectiveAt) {
    return update(
            "UPDATE RecoveryRequest r SET r.status = :approved, r.decidedAt = :now,"
                + " r.decidedBy = :admin, r.decisionReason = :reason, r.effectiveAt = :effective"
                + " WHERE r.id = :id AND r.status = :confirmed",
            Map.of(
                "approved",
                Status.APPROVED,
                "now",
                now,
                "admin",
                adminId,
                "reason",
                reason,
                "effective",
                effectiveAt,
                "id",
                id,
                "confirmed",
                Status.CONFIRMED))
        == 1;
  }

  /** CONFIRMED → REJECTED. */
  @Transactional
  public boolean reject(String id, String adminId, String reason, Instant now) {
    return update(
            "UPDATE RecoveryRequest r SET r.status = :rejected, r.decidedAt = :now,"
                + " r.decidedBy = :admin, r.decisionReason = :reason, r.closedAt = :now"
                + " WHERE r.id = :id AND r.status = :confirmed",
            Map.of(
                "rejected",
                Status.REJECTED,
                "now",
                now,
                "admin",
                adminId,
                "reason",
                reason,
                "id",
                id,
                "confirmed",
                Status.CONFIRMED))
        == 1;
  }

  /** Any open status → CANCELLED; an approved request only before it takes effect. */
  @Transactional
  public boolean cancel(String id, Instant now) {
    return update(
            "UPDATE RecoveryRequest r SET r.status = :cancelled, r.closedAt = :now"
                + " WHERE r.id = :id AND r.status IN :open"
                + " AND (r.effectiveAt IS NULL OR r.effectiveAt > :now)",
            Map.of("cancelled", Status.CANCELLED, "now", now, "id", id, "open", OPEN))
        == 1;
  }

  /** Cancels every open request of the account; returns how many. */
  @Transactional
  public int cancelAll(String accountId, Instant now) {
    return update(
        "UPDATE RecoveryRequest r SET r.status = :cancelled, r.closedAt = :now"
            + " WHERE r.accountId = :account AND r.status IN :open",
        Map.of("cancelled", Status.CANCELLED, "now", now, "account", accountId, "open", OPEN));
  }

  /** Approved requests whose second mail is due at {@code now}: {@code ahead} before they act. */
  public List<String> remindersDue(Instant now, Duration ahead) {
    return em.createQuery(
            "SELECT r.id FROM RecoveryRequest r WHERE r.status = :approved"
                + " AND r.remindedAt IS NULL AND r.effectiveAt <= :limit AND r.effectiveAt > :now",
            String.class)
        .setParameter("approved", Status.APPROVED)
        .setParameter("limit", now.plus(ahead))
        .setParameter("now", now)
        .getResultList();
  }

  /** Marks the second mail as sent; false if another node did, or the request moved on. */
  @Transactional
  public boolean markReminded(String id, Instant now) {
    return update(
            "UPDATE RecoveryRequest r SET r.remindedAt = :now WHERE r.id = :id"
                + " AND r.status = :approved AND r.remindedAt IS NULL",
            Map.of("now", now, "id", id, "approved", Status.APPROVED))
        == 1;
  }

  /** Approved requests whose time has come. */
  public List<String> due(Instant now) {
    return em.createQuery(
            "SELECT r.id FROM RecoveryRequest r WHERE r.status = :approved"
                + " AND r.effectiveAt <= :now",
            String.class)
        .setParameter("approved", Status.APPROVED)
        .setParameter("now", now)
        .getResultList();
  }

  /** APPROVED (and due) → COMPLETED; false if another node did it or it was cancelled. */
  @Transactional
  public boolean complete(String id, Instant now) {
    return update(
            "UPDATE RecoveryRequest r SET r.status = :completed, r.closedAt = :now"
                + " WHERE r.id = :id AND r.status = :approved AND r.effectiveAt <= :now",
            Map.of(
                "completed", Status.COMPLETED, "now", now, "id", id, "approved", Status.APPROVED))
        == 1;
  }

  /** Confirmed and approved requests, the longest waiting first: the admin console's list. */
  public List<RecoveryRequest> underReview(int max) {
    return em.createQuery(
            "SELECT r FROM RecoveryRequest r WHERE r.status IN :review ORDER BY r.createdAt",
            RecoveryRequest.class)
        .setHint(REFRESH, "true")
        .setParameter("review", List.of(Status.CONFIRMED, Status.APPROVED))
        .setMaxResults(max)
        .getResultList();
  }

  /** Runs the UPDATE {@code jpql} with {@code parameters}; returns how many rows it changed. */
  private int update(String jpql, Map<String, Object> parameters) {
    var query = em.createQuery(jpql);
    parameters.forEach(query::setParameter);
    return query.executeUpdate();
  }
}
