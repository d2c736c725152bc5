package dev.portcullis.security;

import dev.portcullis.account.Accounts;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fresh proof before a sensitive change (turning 2FA off, regenerating recovery codes): the password
 * and a current second-factor code, checked now. The code goes through {@link VerifySecondFactor}, so
 * it is throttled and used up like a login code; the password is checked first, so a wrong password
 * never spends a code.
 */
@ApplicationScoped
public class Reauthenticate {

  public static final String WRONG_PASSWORD = "That password is not right.";

  @Inject Accounts accounts;
  @Inject VerifySecondFactor verifier;

  /** The answer, with the message the page shows when it is not {@link Proven}. */
  public sealed interface Result {}

  public record Proven(Outcome.Accepted accepted) implements Result {}

  public record Refused(String field, String message) implements Result {}

  /** Checks {@code password} and {@code code} for the account; never throws for bad input. */
  public Result check(String accountId, String password, String code) {
    if (password == null || password.isEmpty() || !accounts.passwordMatches(accountId, password)) {
      return new Refused("password", WRONG_PASSWORD);
    }
    Outcome outcome = verifier.verify(accountId, code);
    if (outcome instanceof Outcome.Accepted accepted) {
      return new Proven(accepted);
    }
    return new Refused("code", VerifySecondFactor.messageFor(outcome));
  }
}
