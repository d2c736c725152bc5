package dev.portcullis.security;

import java.time.Instant;

/**
 * Whether an account without a second factor may use the client area after its password alone. The
 * login mechanism asks; the operators' policy ({@code admin.TwoFactorPolicy}) answers.
 */
public interface EnrollmentPolicy {

  /** Asked at the password step of an account that has no second factor; may record a deadline. */
  Decision atPasswordStep(String accountId);

  /** The answer. */
  sealed interface Decision {}

  /** 2FA is not required of this account. */
  record NotRequired() implements Decision {}

  /** 2FA is required from {@code until} on; until then the account may go on. */
  record GraceUntil(Instant until) implements Decision {}

  /** 2FA is required now: the account is sent to enrollment and can do nothing else first. */
  record MustEnrollNow() implements Decision {}
}
