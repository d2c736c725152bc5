package dev.portcullis.security;

import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Validates the code (or a security key's answer) of the second step for the account of a pending
 * login, through {@link VerifySecondFactor} (so failures are throttled and codes are used up). The
 * last outcome is kept for the request, so the page can tell a malformed code from a wrong one.
 */
@ApplicationScoped
public class SecondFactorIdentityStore implements IdentityStore {

  @Inject VerifySecondFactor verifier;
  @Inject LoginResult result;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof SecondFactorCredential code) || code.accountId() == null) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    Outcome outcome =
        code.answer() != null
            ? verifier.verifyAnswer(code.accountId(), code.answer())
            : verifier.verify(code.accountId(), code.code());
    result.outcome(outcome);
    return outcome instanceof Outcome.Accepted
        ? new CredentialValidationResult(code.accountId(), Set.of(Roles.CUSTOMER))
        : CredentialValidationResult.INVALID_RESULT;
  }
}
