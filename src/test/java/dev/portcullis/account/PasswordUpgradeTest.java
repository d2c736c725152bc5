package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.PasswordHashing.Verdict;
import dev.portcullis.account.PasswordHashingTest.CountingEngine;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.platform.JpaOnH2;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logging in with a password whose stored hash is outdated stores an Argon2id hash in its place; an
 * unknown email costs the one hash a known one does. Plain JUnit: the application's persistence
 * unit on a migrated H2, the methods the container runs in a transaction in one here too.
 */
class PasswordUpgradeTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static JpaOnH2 jpa;

  private final CountingEngine engine = new CountingEngine(new NativeArgon2());
  private final PasswordHashing hashing = PasswordHashingTest.hashing(engine);
  private final List<SecurityEvent> events = new ArrayList<>();
  private EntityManager em;
  private Accounts accounts;

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("upgrade");
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  @BeforeEach
  void accounts() {
    em = jpa.entityManagers().createEntityManager();
    accounts =
        new Accounts() {
          @Override
          public void replaceHash(String accountId, String outdated, String fresh) {
            em.getTransaction().begin();
            super.replaceHash(accountId, outdated, fresh);
            em.getTransaction().commit();
          }
        };
    accounts.em = em;
    accounts.hashing = hashing;
    accounts.self = accounts;
    accounts.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    accounts.events = recordingEvents();
  }

  @AfterEach
  void closeEm() {
    em.close();
  }

  @Test
  void aRightPasswordReplacesAnEarlierVersionsPbkdf2HashByArgon2id() {
    String email = newAccount(PasswordHashingTest.LIBERTY_PBKDF2);

    assertTrue(accounts.authenticate(email, PasswordHashingTest.ITS_PASSWORD).isPresent());

    String stored = storedHash(email);
    assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
    assertEquals(Verdict.RIGHT, hashing.verify(PasswordHashingTest.ITS_PASSWORD, stored));
    // the next login finds today's hash and leaves it alone
    assertTrue(accounts.authenticate(email, PasswordHashingTest.ITS_PASSWORD).isPresent());
    assertEquals(stored, storedHash(email));
  }

  @Test
  void aWrongPasswordLeavesTheOldHashAndIsReported() {
    String email = newAccount(PasswordHashingTest.LIBERTY_PBKDF2);

    assertTrue(accounts.authenticate(email, "not the password").isEmpty());

    assertEquals(PasswordHashingTest.LIBERTY_PBKDF2, storedHash(email));
    assertEquals(SecurityEvent.Type.PASSWORD_REJECTED, events.get(0).type());
  }

  @Test
  void aHashWeakerThanTodaysSettingsIsReplacedAtLoginAndAtConfirmItsYou() {
    PasswordHashing weaker = PasswordHashingTest.hashing(new NativeArgon2(), 19_456, 2, 1);
    accounts.hashing = PasswordHashingTest.hashing(new NativeArgon2(), 20_000, 2, 1);
    String email = newAccount(weaker.hash("the password"));

    assertTrue(accounts.authenticate(email, "the password").isPresent());
    assertTrue(storedHash(email).startsWith("$argon2id$v=19$m=20000,t=2,p=1$"), storedHash(email));

    String other = newAccount(weaker.hash("the password"));
    String id = accounts.findByEmail(other).orElseThrow().id();
    assertTrue(accounts.passwordMatches(id, "the password"));
    assertTrue(storedHash(other).startsWith("$argon2id$v=19$m=20000,t=2,p=1$"), storedHash(other));
  }

  @Test
  void aPasswordChangedMeanwhileIsNotOverwritten() {
    String email = newAccount(PasswordHashingTest.LIBERTY_PBKDF2);
    String id = accounts.findByEmail(email).orElseThrow().id();
    String changed = hashing.hash("a new password");
    accounts.replaceHash(id, PasswordHashingTest.LIBERTY_PBKDF2, changed);

    accounts.replaceHash(id, PasswordHashingTest.LIBERTY_PBKDF2, hashing.hash("the old one"));

    assertEquals(changed, storedHash(email));
  }

  @Test
  void anUnknownEmailCostsTheOneHashWithTodaysParametersThatAWrongPasswordCosts() {
    String email = newAccount(hashing.hash("the password"));
    engine.calls.clear();

    assertTrue(
        accounts.authenticate("nobody+" + UUID.randomUUID() + "@example.com", "x").isEmpty());
    List<Argon2Parameters> unknown = List.copyOf(engine.calls);
    engine.calls.clear();
    assertTrue(accounts.authenticate(email, "x").isEmpty());
    List<Argon2Parameters> known = List.copyOf(engine.calls);

    assertEquals(List.of(Argon2Parameters.OWASP), unknown);
    assertEquals(unknown, known);
  }

  @Test
  void aRightPasswordWithTodaysHashCostsOneHashAndNoWrite() {
    String email = newAccount(hashing.hash("the password"));
    String before = storedHash(email);
    engine.calls.clear();

    assertTrue(accounts.authenticate(email, "the password").isPresent());

    assertEquals(1, engine.calls.size());
    assertEquals(before, storedHash(email));
    assertFalse(events.stream().anyMatch(e -> e.type() == SecurityEvent.Type.PASSWORD_REJECTED));
  }

  private String newAccount(String passwordHash) {
    String email = "upgrade+" + UUID.randomUUID() + "@example.com";
    EntityManager writer = jpa.entityManagers().createEntityManager();
    writer.getTransaction().begin();
    writer.persist(
        new Account(EmailAddress.parse(email).orElseThrow(), "Upgrade", passwordHash, NOW));
    writer.getTransaction().commit();
    writer.close();
    return email;
  }

  private String storedHash(String email) {
    EntityManager reader = jpa.entityManagers().createEntityManager();
    try {
      return reader
          .createQuery("SELECT a.passwordHash FROM Account a WHERE a.email = :e", String.class)
          .setParameter("e", email)
          .getSingleResult();
    } finally {
      reader.close();
    }
  }

  @SuppressWarnings("unchecked")
  private Event<SecurityEvent> recordingEvents() {
    return (Event<SecurityEvent>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Event.class},
            (proxy, method, args) -> {
              if (method.getName().equals("fire")) {
                events.add((SecurityEvent) args[0]);
              }
              return null;
            });
  }
}
