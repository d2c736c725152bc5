package dev.portcullis.security;

import dev.portcullis.platform.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The single-use tokens of "Forgot your password?" links: 256 random bits, base64url in the link,
 * only their SHA-256 in the database. A token opens its account until it expires, is used, or a
 * newer one is issued for the account. Anything that is not exactly a token's shape is refused
 * before the database is asked.
 */
@ApplicationScoped
public class ResetTokens {

  /** How long a link is valid. */
  public static final Duration LIFETIME = Duration.ofMinutes(30);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  /** A new token for the account, valid from {@code now}; the account's older ones stop working. */
  @Transactional
  public String issue(String accountId, Instant now) {
    em.createQuery(
            "UPDATE ResetToken t SET t.usedAt = :now WHERE t.accountId = :account AND t.usedAt IS NULL")
        .setParameter("now", now)
        .setParameter("account", accountId)
        .executeUpdate();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    em.persist(new ResetToken(hash(token), accountId, now, now.plus(LIFETIME)));
    return token;
  }

  /** The account {@code token} opens at {@code now}, without using it up; empty if none. */
  public Optional<String> accountOf(String token, Instant now) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    return em.createQuery(
            "SELECT t.accountId FROM ResetToken t WHERE t.tokenHash = :hash AND t.usedAt IS NULL"
                + " AND t.expiresAt > :now",
            String.class)
        .setParameter("hash", hash(token))
        .setParameter("now", now)
        .getResultStream()
        .findFirst();
  }

  /**
   * Uses {@code token} up, in the caller's transaction, and returns its account; empty when it was
   * not valid at {@code now} (expired, used, superseded, altered) or another request used it first.
   */
  @Transactional
  public Optional<String> use(String token, Instant now) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    String hash = hash(token);
    int used =
        em.createQuery(
                "UPDATE ResetToken t SET t.usedAt = :now WHERE t.tokenHash = :hash"
                    + " AND t.usedAt IS NULL AND t.expiresAt > :now")
            .setParameter("now", now)
            .setParameter("hash", hash)
            .executeUpdate();
    if (used == 0) {
      return Optional.empty();
    }
    return em.createQuery(
            "SELECT t.accountId FROM ResetToken t WHERE t.tokenHash = :hash", String.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst();
  }

  static String hash(String token) {
    return PlainText.sha256Hex(token);
  }
}
