package dev.portcullis.recovery;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.RecoveryCodeIssuer;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.TypedCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time recovery codes, and recovery codes as a {@link SecondFactorMethod}.
 *
 * <p>An account gets {@value #COUNT} codes of 16 characters from the RFC 4648 base32 alphabet (80
 * random bits each), printed as {@code abcd-efgh-ijkl-mnop}. Only a salted HMAC-SHA256 of each is
 * stored, so the plaintext exists once: in the list returned to be shown to the user. Codes are
 * accepted in any order, with or without dashes, in any case; each is consumed by a conditional
 * UPDATE, so it works once even when sent twice at the same moment. A slow password hash is not
 * needed: 80 random bits cannot be guessed from the hash.
 */
@ApplicationScoped
public class RecoveryCodes implements SecondFactorMethod, RecoveryCodeIssuer {

  public static final String NAME = "recovery code";
  public static final int COUNT = 10;
  static final int LENGTH = 16;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean recognizes(TypedCode code) {
    return code.value().length() == LENGTH
        && code.value().chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
  }

  /**
   * Recovery codes back a factor up; on their own they do not turn two-factor authentication on.
   */
  @Override
  public boolean activeFor(String accountId) {
    return false;
  }

  /**
   * Replaces every code of the account with {@value #COUNT} new ones.
   *
   * @return the new codes, formatted for display; the only time they exist in clear
   */
  @Transactional
  public List<String> regenerate(String accountId) {
    removeAll(accountId);
    Instant now = clock.instant();
    List<String> codes = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder(LENGTH);
      for (int j = 0; j < LENGTH; j++) {
        code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      em.persist(
          new RecoveryCode(
              accountId,
              Base64.getEncoder().encodeToString(salt),
              Base64.getEncoder().encodeToString(hash(salt, code.toString())),
              now));
      codes.add(code.toString().replaceAll("(.{4})(?=.)", "$1-"));
    }
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.RECOVERY_CODES_REGENERATED, COUNT + " codes"));
    return codes;
  }

  @Override
  public boolean issuedTo(String accountId) {
    return em.createQuery(
                "SELECT COUNT(r) FROM RecoveryCode r WHERE r.accountId = :accountId", Long.class)
            .setParameter("accountId", accountId)
            .getSingleResult()
        > 0;
  }

  @Override
  @Transactional
  public List<String> issue(String accountId) {
    return regenerate(accountId);
  }

  /** Returns how many unused codes the account has. */
  public int remaining(String accountId) {
    return unused(accountId).size();
  }

  @Override
  @Transactional
  public Check verifyAndConsume(String accountId, TypedCode code) {
    if (!recognizes(code)) {
      return Check.failed();
    }
    List<RecoveryCode> unused = unused(accountId);
    RecoveryCode match = null;
    for (RecoveryCode candidate : unused) {
      byte[] expected = Base64.getDecoder().decode(candidate.codeHash());
      byte[] actual = hash(Base64.getDecoder().decode(candidate.salt()), code.value());
      // every candidate is compared, in constant time, so timing does not tell how many were tried
      if (MessageDigest.isEqual(expected, actual) && match == null) {
        match = candidate;
      }
    }
    if (match == null) {
      return Check.failed();
    }
    int won =
        em.createNamedQuery(RecoveryCode.CONSUME)
            .setParameter("now", clock.instant())
            .setParameter("id", match.id())
            .executeUpdate();
    if (won != 1) {
      events.fire(
          new SecurityEvent(accountId, SecurityEvent.Type.REPLAY_DETECTED, "recovery code"));
      return Check.failed();
    }
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.RECOVERY_CODE_USED, (unused.size() - 1) + " left"));
    return Check.passed(new Verified(NAME, 0, unused.size() - 1));
  }

  /** Deletes every code of the account, used or not. */
  @Override
  @Transactional
  public void removeAll(String accountId) {
    em.createQuery("DELETE FROM RecoveryCode r WHERE r.accountId = :accountId")
        .setParameter("accountId", accountId)
        .executeUpdate();
  }

  private List<RecoveryCode> unused(String accountId) {
    return em.createNamedQuery(RecoveryCode.UNUSED_OF_ACCOUNT, RecoveryCode.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  private static byte[] hash(byte[] salt, String normalizedCode) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac.doFinal(normalizedCode.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
