package dev.portcullis.security;

import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What the login step taken in this request came to, for the page that took it: the one channel
 * from the mechanism (and its identity stores) back to the login pages. Liberty reports a password
 * step that leads to the second step as a failure; this says what really happened.
 */
@RequestScoped
public class LoginResult {

  /** Where the request's step ended. */
  public enum Step {
    /** No login step was taken in this request. */
    NONE,
    /** Password attempts for the email or from the address are paused; nothing was checked. */
    PASSWORD_PAUSED,
    /** Too many passwords were being hashed at once; nothing was checked or counted. */
    PASSWORD_BUSY,
    /**
     * The password was right, but the account's owner blocked sign-in ("This wasn't me") until the
     * password is reset through a mailed link.
     */
    SIGN_IN_BLOCKED,
    /** The email and password do not match an account. */
    PASSWORD_REFUSED,
    /** The password was right; the second step is due. */
    SECOND_STEP_DUE,
    /** The code was refused; the second step goes on. */
    CODE_REFUSED,
    /**
     * There is no live second step (it expired, or too many codes were wrong): the password again.
     */
    START_AGAIN,
    /** The login is complete. */
    SIGNED_IN
  }

  private Step step = Step.NONE;
  private Outcome outcome;

  void step(Step step) {
    this.step = step;
  }

  void outcome(Outcome outcome) {
    this.outcome = outcome;
  }

  public Step step() {
    return step;
  }

  /** What {@code VerifySecondFactor} said of the code, when a code step checked one. */
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }
}
