package dev.portcullis.admin.web;

import dev.portcullis.admin.TwoFactorPolicy;
import dev.portcullis.web.CurrentAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Client Area's notice to an account in the grace period of the 2FA policy. */
@Named("policyNotice")
@RequestScoped
public class PolicyNotice {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Inject CurrentAccount me;
  @Inject TwoFactorPolicy policy;

  private String deadline;

  /** When 2FA becomes required for the signed-in account, or empty. */
  public String getDeadline() {
    if (deadline == null) {
      deadline = me.isSignedIn() ? policy.deadlineFor(me.id()).map(DAY::format).orElse("") : "";
    }
    return deadline;
  }
}
