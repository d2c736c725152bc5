package dev.portcullis.web;

import dev.portcullis.account.PasswordHashing;
import dev.portcullis.security.Reauthenticate;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The password and current code a form asks for to confirm it's the signed-in user ("confirm it's
 * you", turning 2FA off, new recovery codes, removing a key, an administrator's reset): bound by
 * every such form as {@code #{proof.password}} and {@code #{proof.code}}, checked once through
 * {@link Reauthenticate} and forgotten. Never sent back to the browser, never kept past the
 * request.
 */
@Named("proof")
@RequestScoped
public class TypedProof {

  @Inject CurrentAccount me;
  @Inject Reauthenticate reauthenticate;

  private String password;
  private String code;

  /** Checks what was typed for the signed-in account and forgets it. */
  public Reauthenticate.Result check() {
    try {
      return reauthenticate.check(me.id(), password, code);
    } catch (PasswordHashing.Busy busy) {
      return new Reauthenticate.Refused("code", SignIn.BUSY);
    } finally {
      password = null;
      code = null;
    }
  }

  public String getPassword() {
    return null;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getCode() {
    return null;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
