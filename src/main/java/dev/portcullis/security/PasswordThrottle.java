package dev.portcullis.security;

import dev.portcullis.platform.FirstRow;
import dev.portcullis.platform.PlainText;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits password guessing, counted in the database so every node sees the same numbers: at most
 * {@code portcullis.password.max-failures-per-account} (10) wrong passwords for one email and
 * {@code portcullis.password.max-failures-per-address} (100) from one client address within {@code
 * portcullis.password.window-minutes} (15); then that email or address is paused for as long.
 * Emails are counted whether or not they have an account (hashed, so the table lists no addresses),
 * so the pause does not reveal which exist. A correct password clears its email's count, never the
 * address's, and never the second-factor count.
 */
@ApplicationScoped
public class PasswordThrottle {

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Clock clock;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  /** This bean through its proxy, so that {@link #increment} gets its own transaction. */
  @Inject PasswordThrottle self;

  @Inject
  @ConfigProperty(name = "portcullis.password.max-failures-per-account", defaultValue = "10")
  int perAccount;

  @Inject
  @ConfigProperty(name = "portcullis.password.max-failures-per-address", defaultValue = "100")
  int perAddress;

  @Inject
  @ConfigProperty(name = "portcullis.password.window-minutes", defaultValue = "15")
  int windowMinutes;

  /** What came of one password attempt under the throttle. */
  public enum Verdict {
    /** The password is right; the email's count starts again. */
    RIGHT,
    /** The password is wrong; it was counted for the email and the address. */
    WRONG,
    /** Attempts for this email or from this address are paused; the password was not looked at. */
    PAUSED
  }

  /**
   * The one way a password is checked, wherever it is typed (the login, every "confirm it's you",
   * the administrator's proof): paused attempts are refused without looking at the password, a
   * wrong one is counted for the email and for the client address, a right one clears the email's
   * count.
   *
   * @param matches checks the password; called only when attempts are not paused
   */
  public Verdict attempt(String email, String address, BooleanSupplier matches) {
    if (paused(email, address).isPresent()) {
      return Verdict.PAUSED;
    }
    if (!matches.getAsBoolean()) {
      recordFailure(email, address);
      return Verdict.WRONG;
    }
    self.recordSuccess(email);
    return Verdict.RIGHT;
  }

  /**
   * Returns how long password attempts for this email or from this address stay paused, or empty.
   */
  public Optional<Duration> paused(String email, String address) {
    return pausedFor(emailKey(email), addressKey(address));
  }

  /** "Forgot your password?" links one email may be sent within the window. */
  static final int RESET_LINKS_PER_EMAIL = 3;

  /** "Forgot your password?" requests one client address may make within the window. */
  static final int RESET_REQUESTS_PER_ADDRESS = 20;

  /**
   * Counts one "Forgot your password?" request for the email and the address (counted apart from
   * wrong passwords) and returns whether it may be served: at most {@value #RESET_LINKS_PER_EMAIL}
   * per email and {@value #RESET_REQUESTS_PER_ADDRESS} per address within the window.
   */
  public boolean allowResetRequest(String email, String address) {
    String byEmail = "reset-" + emailKey(email);
    String byAddress = "reset-" + addressKey(address);
    if (pausedFor(byEmail, byAddress).isPresent()) {
      return false;
    }
    count(byEmail, RESET_LINKS_PER_EMAIL);
    count(byAddress, RESET_REQUESTS_PER_ADDRESS);
    return true;
  }

  private Optional<Duration> pausedFor(String emailKey, String addressKey) {
    Instant now = clock.instant();
    List<Instant> until =
        em.createQuery(
                "SELECT t.blockedUntil FROM ThrottleCounter t WHERE t.key IN (:email, :address)"
                    + " AND t.blockedUntil IS NOT NULL",
                Instant.class)
            .setParameter("email", emailKey)
            .setParameter("address", addressKey)
            .getResultList();
    return until.stream()
        .filter(u -> u != null && u.isAfter(now))
        .max(Instant::compareTo)
        .map(u -> Duration.between(now, u));
  }

  /** Counts one wrong password for this email and from this address, atomically. */
  public void recordFailure(String email, String address) {
    count(emailKey(email), perAccount);
    count(addressKey(address), perAddress);
  }

  /** A correct password: the email's count starts again. */
  @Transactional
  public void recordSuccess(String email) {
    em.createQuery("DELETE FROM ThrottleCounter t WHERE t.key = :key")
        .setParameter("key", emailKey(email))
        .executeUpdate();
  }

  private void count(String key, int limit) {
    Instant now = clock.instant();
    self.ensureRow(key, now);
    try {
      self.increment(key, limit, now);
    } catch (PersistenceException | jakarta.transaction.TransactionalException insertRace) {
      // a right password deleted the row after ensureRow, and two failures raced to make it again:
      // the row exists now, count on it
      self.increment(key, limit, now);
    }
  }

  /**
   * One failure for {@code key}, in a transaction of its own. Not for callers outside this class.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void increment(String key, int limit, Instant now) {
    Instant cutoff = now.minus(Duration.ofMinutes(windowMinutes));
    int restarted =
        em.createQuery(
                "UPDATE ThrottleCounter t SET t.failures = 1, t.windowStarted = :now"
                    + " WHERE t.key = :key AND t.windowStarted < :cutoff"
                    + " AND (t.blockedUntil IS NULL OR t.blockedUntil < :now)")
            .setParameter("now", now)
            .setParameter("key", key)
            .setParameter("cutoff", cutoff)
            .executeUpdate();
    if (restarted == 0) {
      int counted =
          em.createQuery(
                  "UPDATE ThrottleCounter t SET t.failures = t.failures + 1 WHERE t.key = :key")
              .setParameter("key", key)
              .executeUpdate();
      if (counted == 0) {
        // the row made by ensureRow was deleted since by a right password for this email
        em.persist(new ThrottleCounter(key, now));
        em.flush();
      }
    }
    em.createQuery(
            "UPDATE ThrottleCounter t SET t.blockedUntil = :until"
                + " WHERE t.key = :key AND t.failures >= :limit AND (t.blockedUntil IS NULL OR t.blockedUntil < :now)")
        .setParameter("until", now.plus(Duration.ofMinutes(windowMinutes)))
        .setParameter("key", key)
        .setParameter("limit", limit)
        .setParameter("now", now)
        .executeUpdate();
  }

  /**
   * Makes the key's row (with no failure yet) unless it exists ({@link FirstRow}); every failure is
   * then counted on that row. Not for callers outside this class.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensureRow(String key, Instant now) {
    FirstRow.insertUnlessThere(
        dataSource,
        "count a wrong password",
        "INSERT INTO password_throttle (throttle_key, failures, window_started) VALUES (?, 0, ?)",
        key,
        LocalDateTime.ofInstant(now, ZoneOffset.UTC));
  }

  /** Returns the consecutive failures counted for an email (for tests and operators). */
  public int failuresFor(String email) {
    return em.createQuery(
            "SELECT t.failures FROM ThrottleCounter t WHERE t.key = :key", Integer.class)
        .setParameter("key", emailKey(email))
        .getResultStream()
        .findFirst()
        .orElse(0);
  }

  static String emailKey(String email) {
    return "email:" + PlainText.sha256Hex(PlainText.normalize(email).toLowerCase(Locale.ROOT));
  }

  static String addressKey(String address) {
    String value = address == null ? "unknown" : address;
    return "address:" + (value.length() > 64 ? value.substring(0, 64) : value);
  }
}
