package dev.portcullis.admin;

import dev.portcullis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Adds the {@code admin} group to a login of an administrator's account that has two-factor
 * authentication on (so the role never comes with a password alone). It validates nothing: the
 * password and second-factor stores decide who the caller is; this store only provides groups.
 */
@ApplicationScoped
public class AdministratorGroups implements IdentityStore {

  @Inject Administrators administrators;

  @Override
  public Set<ValidationType> validationTypes() {
    return Set.of(ValidationType.PROVIDE_GROUPS);
  }

  @Override
  public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
    String accountId = validationResult.getCallerPrincipal().getName();
    return administrators.mayAdminister(accountId) ? Set.of(Roles.ADMIN) : Set.of();
  }
}
