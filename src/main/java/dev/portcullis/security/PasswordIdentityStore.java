package dev.portcullis.security;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.account.PasswordHashing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * Validates email + password. The caller it returns is named by the account id, which never changes
 * when the email does. A valid password is only the first step; the mechanism decides what follows.
 */
@ApplicationScoped
public class PasswordIdentityStore implements IdentityStore {

  @Inject Accounts accounts;
  @Inject LoginResult result;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential password)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    Optional<Account> account;
    try {
      account = accounts.authenticate(password.getCaller(), password.getPasswordAsString());
    } catch (PasswordHashing.Busy busy) {
      // told to the mechanism here: an identity store handler need not pass exceptions on
      result.step(LoginResult.Step.PASSWORD_BUSY);
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return account
        .map(a -> new CredentialValidationResult(a.id(), Set.of(Roles.CUSTOMER)))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
