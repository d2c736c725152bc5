package dev.portcullis.factor;

import dev.portcullis.account.SignInRequirementsRaised;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one way a second factor of any kind is added to an account. The code that proves the new
 * factor goes through {@link VerifySecondFactor} (counted by the same limiter as a login code, used
 * up like one); once the factor is active:
 *
 * <ul>
 *   <li>if it is the account's first, Two-Factor Authentication is now on: the account gets its
 *       recovery codes, and every other session of the account, signed in with the password alone,
 *       must sign in again ({@link SignInRequirementsRaised});
 *   <li>otherwise the recovery codes the user already printed stay as they are.
 * </ul>
 *
 * A method (TOTP, YubiKey, …) only supplies the check that activates its factor.
 */
@ApplicationScoped
public class AddSecondFactor {

  @Inject VerifySecondFactor verifier;
  @Inject RecoveryCodeIssuer recoveryCodes;
  @Inject Event<SignInRequirementsRaised> raised;

  /**
   * What came of it.
   *
   * @param outcome as {@link VerifySecondFactor#verify}; {@link Outcome.Accepted} when the factor
   *     is active
   * @param recoveryCodes the account's new recovery codes when this was its first factor, else
   *     empty
   */
  public record Added(Outcome outcome, List<String> recoveryCodes) {

    public boolean active() {
      return outcome instanceof Outcome.Accepted;
    }

    /** Whether 2FA went on with this factor (the recovery codes are to be shown). */
    public boolean firstFactor() {
      return !recoveryCodes.isEmpty();
    }

    @Override
    public String toString() {
      return "Added["
          + outcome.getClass().getSimpleName()
          + ", "
          + recoveryCodes.size()
          + " codes redacted]";
    }
  }

  /**
   * Checks {@code input} with {@code activate} under the limiter and, when it passes, applies the
   * rules above; never throws for bad input.
   *
   * @param shape whether a normalized code can be one for this factor at all
   * @param activate verifies the code for the pending factor and activates it
   */
  public Added add(
      String accountId,
      String input,
      Predicate<TypedCode> shape,
      Function<TypedCode, SecondFactorMethod.Check> activate) {
    return added(accountId, verifier.verify(accountId, input, shape, activate));
  }

  /**
   * As {@link #add}, for a factor proven by the browser's answer (a security key's attestation)
   * instead of a typed code.
   */
  public Added addByAnswer(
      String accountId,
      SecondFactorMethod.Answer answer,
      java.util.function.Supplier<SecondFactorMethod.Check> activate) {
    return added(accountId, verifier.verifyAnswer(accountId, answer, activate));
  }

  private Added added(String accountId, Outcome outcome) {
    if (!(outcome instanceof Outcome.Accepted)) {
      return new Added(outcome, List.of());
    }
    if (recoveryCodes.issuedTo(accountId)) {
      return new Added(outcome, List.of());
    }
    List<String> codes = recoveryCodes.issue(accountId);
    raised.fire(new SignInRequirementsRaised(accountId, "Two-Factor Authentication turned on"));
    return new Added(outcome, codes);
  }
}
