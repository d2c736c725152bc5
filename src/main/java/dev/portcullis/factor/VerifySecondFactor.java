package dev.portcullis.factor;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * Checks a typed second-factor code for an account, under the failure throttle. Login, disabling
 * 2FA and regenerating recovery codes all come through here, so no path checks a code without
 * counting failures.
 *
 * <p>Failures are counted per account in the database (every node sees them), apart from password
 * failures. After {@code portcullis.throttle.lock-after} consecutive failures (default 20) the
 * second step is locked for {@code portcullis.throttle.lock-minutes} (default 15); while locked
 * every code is refused with the same answer as a wrong code. A correct code resets the count.
 */
@ApplicationScoped
public class VerifySecondFactor implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(VerifySecondFactor.class.getName());

  /** The one message for every wrong, used, expired or locked-out code. */
  public static final String FAILURE_MESSAGE = "That code didn't work. Check it and try again.";

  /** The message for a security key's answer that is missing or too long to read (not counted). */
  public static final String NO_ANSWER_MESSAGE =
      "Your security key did not answer. Touch it when your browser asks, or use another method.";

  /** The message for input that cannot be a code at all (not counted as a failure). */
  public static final String SHAPE_MESSAGE =
      "Enter the code from your authenticator app (6 to 8 digits), touch your YubiKey, or enter one of your"
          + " recovery codes (16 letters and digits, like abcd-efgh-ijkl-mnop).";

  @Inject Instance<SecondFactorMethod> methods;
  @Inject SecondStepCounter counter;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Inject
  @ConfigProperty(name = "portcullis.throttle.lock-after", defaultValue = "20")
  int lockAfter;

  @Inject
  @ConfigProperty(name = "portcullis.throttle.lock-minutes", defaultValue = "15")
  int lockMinutes;

  /**
   * The timer of code checks in /metrics (throttle, comparison and using the code up, together).
   */
  static final String TIMER = "portcullis.code.verification";

  private SecondStepPolicy policy;

  /** Reaching the bean at start-up creates it, so a wrong setting stops the start. */
  @Override
  public void check() {}

  @PostConstruct
  void checkSettings() {
    policy = new SecondStepPolicy(lockAfter, Duration.ofMinutes(lockMinutes));
  }

  /** What happened to a code. */
  public sealed interface Outcome {
    /** The code was right and is now used up. */
    record Accepted(SecondFactorMethod.Verified verified) implements Outcome {}

    /**
     * The code was wrong, used, came too soon after a wrong one, or the second step is locked: show
     * {@link #FAILURE_MESSAGE}. {@code consecutiveFailures} counts this attempt too.
     */
    record Rejected(int consecutiveFailures) implements Outcome {}

    /** The input cannot be a code: show {@code message} (not counted as a failure). */
    record Malformed(String message) implements Outcome {}

    /**
     * The code could not be checked now (an outside service failed): show {@code message}; not
     * counted.
     */
    record Unavailable(String message) implements Outcome {}
  }

  /**
   * Returns what the user is told when {@code input} cannot be a code of any method (the same words
   * as {@link Outcome.Malformed}), or empty when some method takes its shape. Looks at no account.
   */
  public Optional<String> problemWithShape(String input) {
    return methodFor(input).isPresent() ? Optional.empty() : Optional.of(SHAPE_MESSAGE);
  }

  /** The method whose shape {@code input} has, once normalized; empty when it is no code at all. */
  private Optional<SecondFactorMethod> methodFor(String input) {
    Optional<TypedCode> code = TypedCode.of(input);
    return code.flatMap(c -> methods.stream().filter(m -> m.recognizes(c)).findFirst());
  }

  /**
   * Checks {@code input} against the account's factors; never throws for bad input.
   *
   * @return the outcome, never null
   */
  @Timed(
      name = TIMER,
      absolute = true,
      description = "How long checking one second-factor code takes")
  public Outcome verify(String accountId, String input) {
    Optional<SecondFactorMethod> method = methodFor(input);
    if (method.isEmpty()) {
      return new Outcome.Malformed(SHAPE_MESSAGE);
    }
    return verify(
        accountId,
        input,
        method.get()::recognizes,
        c -> method.get().verifyAndConsume(accountId, c));
  }

  /**
   * Checks {@code input} with a check of the caller's (e.g. the code that confirms a new factor),
   * under the same throttle as a login; never throws for bad input.
   *
   * @param shape whether a normalized code can be one for this check at all
   * @param check verifies and uses up a code of the right shape; only {@link
   *     SecondFactorMethod.Check.Failed} counts as a failure
   * @return the outcome, never null
   */
  @Timed(
      name = TIMER,
      absolute = true,
      description = "How long checking one second-factor code takes")
  public Outcome verify(
      String accountId,
      String input,
      Predicate<TypedCode> shape,
      Function<TypedCode, SecondFactorMethod.Check> check) {
    Optional<TypedCode> code = TypedCode.of(input).filter(shape);
    if (code.isEmpty()) {
      return new Outcome.Malformed(SHAPE_MESSAGE);
    }
    return checked(accountId, () -> check.apply(code.get()));
  }

  /**
   * Checks a browser's answer (a security key's signed challenge) with the method that takes
   * answers, under the same throttle as a code; never throws for bad input.
   */
  @Timed(
      name = TIMER,
      absolute = true,
      description = "How long checking one second-factor code takes")
  public Outcome verifyAnswer(String accountId, SecondFactorMethod.Answer answer) {
    Optional<SecondFactorMethod> method =
        methods.stream().filter(SecondFactorMethod::takesAnswers).findFirst();
    if (method.isEmpty() || answer == null || !answer.readable()) {
      return new Outcome.Malformed(NO_ANSWER_MESSAGE);
    }
    return checked(accountId, () -> method.get().verifyAnswer(accountId, answer));
  }

  /**
   * Checks a browser's answer with a check of the caller's (the attestation that adds a security
   * key), under the same throttle as a code; only {@link SecondFactorMethod.Check.Failed} counts as
   * a failure. Never throws for bad input.
   */
  public Outcome verifyAnswer(
      String accountId,
      SecondFactorMethod.Answer answer,
      java.util.function.Supplier<SecondFactorMethod.Check> check) {
    if (answer == null || !answer.readable()) {
      return new Outcome.Malformed(NO_ANSWER_MESSAGE);
    }
    return checked(accountId, check);
  }

  private Outcome checked(
      String accountId, java.util.function.Supplier<SecondFactorMethod.Check> check) {
    SecondStepPolicy.Attempt attempt = counter.claim(accountId, policy, clock.instant());
    if (!attempt.allowed()) {
      LOG.info(
          () -> "Second step refused unchecked for account " + accountId + ": locked or too soon");
      return rejected(
          accountId,
          attempt,
          attempt.pastTheLimit(policy) ? "second step locked" : "too soon after a wrong code");
    }
    SecondFactorMethod.Check result;
    try {
      result = check.get();
    } catch (RuntimeException e) {
      // the check failed for a reason of its own (a bug, the database): that was no guess, and the
      // claim taken above must not stay counted
      counter.giveBack(accountId, policy);
      throw e;
    }
    if (result instanceof SecondFactorMethod.Check.Passed passed) {
      counter.reset(accountId);
      events.fire(
          new SecurityEvent(
              accountId, SecurityEvent.Type.CODE_ACCEPTED, passed.verified().method()));
      return new Outcome.Accepted(passed.verified());
    }
    if (result instanceof SecondFactorMethod.Check.Unreadable unreadable) {
      counter.giveBack(accountId, policy);
      return new Outcome.Malformed(unreadable.message());
    }
    if (result instanceof SecondFactorMethod.Check.Unavailable unavailable) {
      counter.giveBack(accountId, policy);
      events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.CODE_UNCHECKED));
      return new Outcome.Unavailable(unavailable.message());
    }
    LOG.info(
        () ->
            "Second-factor code refused for account "
                + accountId
                + " ("
                + attempt.number()
                + " consecutive failure(s))");
    return rejected(accountId, attempt, attempt.number() + " in a row");
  }

  /**
   * A refused attempt, checked or not: recorded, and the lock announced by the attempt that set it.
   */
  private Outcome rejected(String accountId, SecondStepPolicy.Attempt attempt, String why) {
    events.fire(new SecurityEvent(accountId, SecurityEvent.Type.CODE_REJECTED, why));
    if (attempt.lockedNow()) {
      events.fire(
          new SecurityEvent(
              accountId,
              SecurityEvent.Type.SECOND_STEP_LOCKED,
              policy.lockFor().toMinutes() + " minutes"));
    }
    return new Outcome.Rejected(attempt.number());
  }

  /** Returns the words for the user about an outcome that is not {@link Outcome.Accepted}. */
  public static String messageFor(Outcome outcome) {
    if (outcome instanceof Outcome.Malformed malformed) {
      return malformed.message();
    }
    if (outcome instanceof Outcome.Unavailable unavailable) {
      return unavailable.message();
    }
    return FAILURE_MESSAGE;
  }
}
