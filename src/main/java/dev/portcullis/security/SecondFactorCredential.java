package dev.portcullis.security;

import dev.portcullis.factor.SecondFactorMethod;
import jakarta.security.enterprise.credential.Credential;

/**
 * The proof of the second step of a login: the code the user typed, or the answer the browser got
 * from a security key. The login page creates it with the proof only; the mechanism adds the
 * account of the pending login before the identity store sees it.
 */
public final class SecondFactorCredential implements Credential {

  private final String accountId;
  private final String code;
  private final SecondFactorMethod.Answer answer;

  /** A typed code. */
  public SecondFactorCredential(String code) {
    this(null, code, null);
  }

  /** A security key's answer. */
  public SecondFactorCredential(SecondFactorMethod.Answer answer) {
    this(null, null, answer);
  }

  private SecondFactorCredential(String accountId, String code, SecondFactorMethod.Answer answer) {
    this.accountId = accountId;
    this.code = code;
    this.answer = answer;
  }

  String accountId() {
    return accountId;
  }

  String code() {
    return code;
  }

  /** The security key's answer, or null for a typed code. */
  SecondFactorMethod.Answer answer() {
    return answer;
  }

  SecondFactorCredential forAccount(String id) {
    return new SecondFactorCredential(id, code, answer);
  }

  @Override
  public String toString() {
    return "SecondFactorCredential[account " + accountId + ", proof redacted]";
  }
}
