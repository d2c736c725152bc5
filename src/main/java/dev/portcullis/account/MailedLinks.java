package dev.portcullis.account;

import dev.portcullis.platform.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The single-use links the portal mails: 256 random bits, base64url in the link, only their SHA-256
 * in the database. A link opens its account for its purpose only, until it expires or is used, and
 * (for the purposes that say so) until a newer one of the same purpose is issued for the account.
 * Anything that is not exactly a token's shape is refused before the database is asked.
 */
@ApplicationScoped
public class MailedLinks {

  /** What a link is for, how long it works, and whether a newer one makes it stop working. */
  public enum Purpose {
    /** "Forgot your password?". */
    PASSWORD_RESET(Duration.ofMinutes(30), true),
    /** Confirming the account's own address (in the detail). */
    VERIFY_EMAIL(Duration.ofHours(24), true),
    /** Confirming the new address of a change (in the detail). */
    CHANGE_EMAIL(Duration.ofHours(24), true),
    /** "This wasn't me" in a security notice; every notice has its own. */
    NOT_ME(Duration.ofDays(7), false),
    /** Confirming an account recovery request (its id in the detail). */
    RECOVERY_CONFIRM(Duration.ofHours(24), true),
    /**
     * Cancelling an approved account recovery request (its id in the detail); each of its two mails
     * has its own, valid longer than the longest delay (the request's status decides).
     */
    RECOVERY_CANCEL(Duration.ofDays(15), false);

    private final Duration lifetime;
    private final boolean onlyNewest;

    Purpose(Duration lifetime, boolean onlyNewest) {
      this.lifetime = lifetime;
      this.onlyNewest = onlyNewest;
    }

    public Duration lifetime() {
      return lifetime;
    }
  }

  /** What a valid link opens: the account, and what the link was issued with (or empty). */
  public record Opened(String accountId, String detail) {}

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  /**
   * A new link's token for the account, valid from {@code now}; for a purpose that keeps only the
   * newest, the account's older links of that purpose stop working.
   */
  @Transactional
  public String issue(String accountId, Purpose purpose, String detail, Instant now) {
    if (purpose.onlyNewest) {
      em.createQuery(
              "UPDATE MailedLink l SET l.usedAt = :now WHERE l.accountId = :account"
                  + " AND l.purpose = :purpose AND l.usedAt IS NULL")
          .setParameter("now", now)
          .setParameter("account", accountId)
          .setParameter("purpose", purpose)
          .executeUpdate();
    }
    String token = PlainText.randomToken();
    em.persist(new MailedLink(hash(token), accountId, purpose, detail, now));
    return token;
  }

  /** What {@code token} opens for {@code purpose} at {@code now}, without using it up. */
  public Optional<Opened> peek(String token, Purpose purpose, Instant now) {
    if (!PlainText.isToken(token)) {
      return Optional.empty();
    }
    return em.createQuery(
            "SELECT l FROM MailedLink l WHERE l.tokenHash = :hash AND l.purpose = :purpose"
                + " AND l.usedAt IS NULL AND l.expiresAt > :now",
            MailedLink.class)
        .setParameter("hash", hash(token))
        .setParameter("purpose", purpose)
        .setParameter("now", now)
        .getResultStream()
        .findFirst()
        .map(MailedLinks::opened);
  }

  /**
   * Uses {@code token} up, in the caller's transaction, and returns what it opens; empty when it
   * was not valid for {@code purpose} at {@code now} (expired, used, superseded, altered, another
   * purpose's) or another request used it first.
   */
  @Transactional
  public Optional<Opened> use(String token, Purpose purpose, Instant now) {
    if (!PlainText.isToken(token)) {
      return Optional.empty();
    }
    String hash = hash(token);
    int used =
        em.createQuery(
                "UPDATE MailedLink l SET l.usedAt = :now WHERE l.tokenHash = :hash"
                    + " AND l.purpose = :purpose AND l.usedAt IS NULL AND l.expiresAt > :now")
            .setParameter("now", now)
            .setParameter("hash", hash)
            .setParameter("purpose", purpose)
            .executeUpdate();
    if (used == 0) {
      return Optional.empty();
    }
    return em.createQuery("SELECT l FROM MailedLink l WHERE l.tokenHash = :hash", MailedLink.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst()
        .map(MailedLinks::opened);
  }

  /** How many links of {@code purpose} were issued for the account since {@code since}. */
  public long issuedSince(String accountId, Purpose purpose, Instant since) {
    return em.createQuery(
            "SELECT COUNT(l) FROM MailedLink l WHERE l.accountId = :account"
                + " AND l.purpose = :purpose AND l.createdAt > :since",
            Long.class)
        .setParameter("account", accountId)
        .setParameter("purpose", purpose)
        .setParameter("since", since)
        .getSingleResult();
  }

  /** When the account's newest link of {@code purpose} was issued, if ever. */
  public Optional<Instant> lastIssued(String accountId, Purpose purpose) {
    return em.createQuery(
            "SELECT l.createdAt FROM MailedLink l WHERE l.accountId = :account"
                + " AND l.purpose = :purpose ORDER BY l.createdAt DESC",
            Instant.class)
        .setParameter("account", accountId)
        .setParameter("purpose", purpose)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  private static Opened opened(MailedLink link) {
    return new Opened(link.accountId(), link.detail() == null ? "" : link.detail());
  }

  static String hash(String token) {
    return PlainText.sha256Hex(token);
  }
}
