package dev.portcullis.account;

import dev.portcullis.platform.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Creates an account from what a visitor typed on the registration form, and mails the link that
 * confirms its address.
 */
@ApplicationScoped
public class RegisterAccount {

  public static final int MAX_NAME_LENGTH = 100;

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Accounts accounts;
  @Inject PasswordHashing hashing;
  @Inject Clock clock;
  @Inject EmailAddresses addresses;

  /** Why a registration was refused, in words for the visitor. */
  public static class Refused extends Exception {
    private final String field;

    Refused(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The form field the problem is about: email, name, password or confirmation. */
    public String field() {
      return field;
    }
  }

  /**
   * Registers a new account.
   *
   * @return the new account, never null
   * @throws Refused with a message for the visitor when a value is missing, malformed, too long,
   *     the password is weak, the confirmation differs, or the email already has an account
   */
  @Transactional(rollbackOn = Refused.class)
  public Account register(String email, String name, String password, String confirmation)
      throws Refused {
    Optional<String> emailProblem = EmailAddress.problemWith(email);
    if (emailProblem.isPresent()) {
      throw new Refused("email", emailProblem.get());
    }
    EmailAddress address = EmailAddress.parse(email).orElseThrow();
    String displayName = PlainText.normalize(name);
    if (displayName.isEmpty()) {
      throw new Refused("name", "Enter your name.");
    }
    if (displayName.length() > MAX_NAME_LENGTH) {
      throw new Refused(
          "name",
          "Your name has "
              + displayName.length()
              + " characters; use at most "
              + MAX_NAME_LENGTH
              + ".");
    }
    if (PlainText.hasInvisible(displayName)) {
      throw new Refused(
          "name",
          "Your name contains an invisible or control character (such as a zero-width space); type it"
              + " again with letters and spaces.");
    }
    var problem = PasswordPolicy.problemWith(password, address.value());
    if (problem.isPresent()) {
      throw new Refused("password", problem.get());
    }
    if (!password.equals(confirmation)) {
      throw new Refused("confirmation", "The two passwords differ; type the same password twice.");
    }
    if (accounts.findByEmail(address.value()).isPresent()) {
      throw new Refused(
          "email", "An account with this email already exists. Log in, or use another email.");
    }
    Account account = new Account(address, displayName, hashing.hash(password), clock.instant());
    try {
      em.persist(account);
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        // another registration with the same email committed between our check and our insert
        throw new Refused(
            "email", "An account with this email already exists. Log in, or use another email.");
      }
      throw e;
    }
    addresses.mailVerification(account);
    return account;
  }

  /** SQLSTATE class 23 is "integrity constraint violation" on every database we support. */
  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
