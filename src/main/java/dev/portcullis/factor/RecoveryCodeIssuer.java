package dev.portcullis.factor;

import java.util.List;

/**
 * The port through which {@link AddSecondFactor} gives an account its recovery codes when its first
 * factor is activated; implemented by the recovery codes feature. Recovery codes belong to the
 * account, not to a factor: they are made once, when 2FA goes on, and replaced only when the user
 * asks or after an administrator's reset.
 */
public interface RecoveryCodeIssuer {

  /** Returns whether the account holds recovery codes (used or not) from an earlier issue. */
  boolean issuedTo(String accountId);

  /**
   * Replaces the account's recovery codes with a new set.
   *
   * @return the new codes formatted for display: the only time they exist in clear
   */
  List<String> issue(String accountId);
}
