package dev.portcullis.yubikey;

/** What a validation service (or this server, in local mode) says of one OTP. */
public sealed interface ValidationResult {

  /**
   * The OTP is genuine and was not seen before by the validator.
   *
   * @param counter its (usage, session) position, or -1 when the validator did not say
   */
  record Valid(long counter) implements ValidationResult {}

  /** The OTP is not genuine for this key. {@code why} is for logs, never for the user. */
  record Invalid(String why) implements ValidationResult {}

  /**
   * The OTP is genuine but was already used: counted as a failure and logged as a security event.
   */
  record Replayed() implements ValidationResult {}

  /** The OTP could not be checked now; not the user's fault. {@code why} is for logs. */
  record Unavailable(String why) implements ValidationResult {}
}
