package dev.portcullis.factor;

import java.util.Optional;

/**
 * One way to prove the second step: a TOTP app, recovery codes (and YubiKeys later). Implementations are
 * CDI beans; {@link VerifySecondFactor} asks each of them in turn.
 */
public interface SecondFactorMethod {

  /** A short name for logs and messages, e.g. "TOTP"; never a secret. */
  String name();

  /**
   * Returns whether {@code code} has the shape this method accepts (after {@link TypedCode}
   * normalization). Says nothing about whether it is right.
   */
  boolean recognizes(TypedCode code);

  /**
   * Checks {@code code} for the account and, if it is right, uses it up atomically so that the same code
   * succeeds only once, also when it arrives twice in parallel.
   *
   * @return the accepted verification, or empty when the code is wrong, already used or the account has
   *     no active factor of this method
   */
  Optional<Verified> verifyAndConsume(String accountId, TypedCode code);

  /** Returns whether this method, on its own, turns two-factor authentication on for the account. */
  boolean activeFor(String accountId);

  /** Deletes everything this method holds for the account (used when 2FA is turned off). */
  void removeAll(String accountId);

  /**
   * The outcome of an accepted code.
   *
   * @param method the method that accepted it
   * @param clockOffsetSeconds for time-based codes, how far the device's clock seems to be from the
   *     server's (positive: ahead), 0 when unknown
   * @param remainingRecoveryCodes for recovery codes, how many are left; -1 otherwise
   */
  record Verified(String method, long clockOffsetSeconds, int remainingRecoveryCodes) {}
}
