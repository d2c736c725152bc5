package dev.portcullis.factor;

import java.util.List;

/**
 * One way to prove the second step: a TOTP app, a YubiKey, recovery codes. Implementations are CDI
 * beans; {@link VerifySecondFactor} asks each of them in turn.
 */
public interface SecondFactorMethod {

  /** A short name for logs and messages, e.g. "TOTP"; never a secret. */
  String name();

  /**
   * Returns whether {@code code} has the length and kind of characters this method takes (after
   * {@link TypedCode} normalization). Says nothing about whether it is right.
   */
  boolean recognizes(TypedCode code);

  /**
   * Checks {@code code} for the account and, if it is right, uses it up atomically so that the same
   * code succeeds only once, also when it arrives twice in parallel.
   *
   * @return never null: {@link Check.Passed} with what was learnt, {@link Check.Failed} when the
   *     code is wrong, used, or the account has no such factor, {@link Check.Unreadable} when it
   *     cannot be a code of this method after all, {@link Check.Unavailable} when an outside
   *     service needed to check it did not answer properly (not the user's fault)
   */
  Check verifyAndConsume(String accountId, TypedCode code);

  /**
   * Returns whether this method, on its own, turns two-factor authentication on for the account.
   */
  boolean activeFor(String accountId);

  /** Deletes everything this method holds for the account (used when 2FA is turned off). */
  void removeAll(String accountId);

  /**
   * The account's active factors of this method; none for a method that holds no factor of its own
   * (recovery codes).
   */
  default List<FactorSummary> factorsOf(String accountId) {
    return List.of();
  }

  /**
   * Removes the account's factor {@code factorId} when this method holds it and it can be removed
   * on its own ({@link FactorSummary#removable()}); returns whether it did. Runs in the caller's
   * transaction.
   */
  default boolean remove(String accountId, String factorId) {
    return false;
  }

  /**
   * Whether this method is proven by an answer the browser computes (a security key's signed
   * challenge) rather than by a typed code.
   */
  default boolean takesAnswers() {
    return false;
  }

  /**
   * Checks the browser's answer for the account and uses it up, like {@link #verifyAndConsume} does
   * a code. Only asked of a method that {@link #takesAnswers()}.
   */
  default Check verifyAnswer(String accountId, Answer answer) {
    return Check.failed();
  }

  /**
   * What a browser answered (JSON, at most {@link #MAX_ANSWER_LENGTH} characters), and the host
   * name and port it sent it to, which the answer must have been made for.
   */
  record Answer(String body, String host, int port) {

    public static final int MAX_ANSWER_LENGTH = 16_384;

    /** Whether there is an answer of a length worth reading. */
    public boolean readable() {
      return body != null && !body.isBlank() && body.length() <= MAX_ANSWER_LENGTH;
    }

    @Override
    public String toString() {
      return "Answer[" + host + ":" + port + ", redacted]";
    }
  }

  /**
   * The outcome of an accepted code.
   *
   * @param method the method that accepted it
   * @param clockOffsetSeconds for time-based codes, how far the device's clock seems to be from the
   *     server's (positive: ahead), 0 when unknown
   * @param remainingRecoveryCodes for recovery codes, how many are left; -1 otherwise
   */
  record Verified(String method, long clockOffsetSeconds, int remainingRecoveryCodes) {}

  /** What one method says of one code. */
  sealed interface Check {
    record Passed(Verified verified) implements Check {}

    record Failed() implements Check {}

    /** The input cannot be a code of this method; {@code message} tells the user what to do. */
    record Unreadable(String message) implements Check {}

    /** The code could not be checked now; {@code message} tells the user what to do instead. */
    record Unavailable(String message) implements Check {}

    static Check passed(Verified verified) {
      return new Passed(verified);
    }

    static Check failed() {
      return new Failed();
    }
  }
}
