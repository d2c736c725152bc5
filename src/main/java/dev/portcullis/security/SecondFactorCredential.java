package dev.portcullis.security;

import jakarta.security.enterprise.credential.Credential;

/**
 * The code typed in the second step of a login. The login page creates it with the code only; the
 * mechanism adds the account of the pending login before the identity store sees it.
 */
public final class SecondFactorCredential implements Credential {

  private final String accountId;
  private final String code;

  public SecondFactorCredential(String code) {
    this(null, code);
  }

  SecondFactorCredential(String accountId, String code) {
    this.accountId = accountId;
    this.code = code;
  }

  String accountId() {
    return accountId;
  }

  String code() {
    return code;
  }

  SecondFactorCredential forAccount(String id) {
    return new SecondFactorCredential(id, code);
  }

  @Override
  public String toString() {
    return "SecondFactorCredential[account " + accountId + ", code redacted]";
  }
}
