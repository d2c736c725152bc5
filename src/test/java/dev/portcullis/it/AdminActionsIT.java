package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.account.Accounts;
import dev.portcullis.account.RegisterAccount;
import dev.portcullis.admin.AdminActions;
import dev.portcullis.admin.AdministratorGroups;
import dev.portcullis.admin.TwoFactorPolicy;
import dev.portcullis.admin.TwoFactorPolicy.Requirement;
import dev.portcullis.audit.AuditEntry;
import dev.portcullis.audit.AuditTrail;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.SecondFactors;
import dev.portcullis.factor.TypedCode;
import dev.portcullis.factor.VerifySecondFactor;
import dev.portcullis.factor.VerifySecondFactor.Outcome;
import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.security.EnrollmentPolicy;
import dev.portcullis.security.Roles;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.Totp;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.codec.binary.Base32;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What administrators may do, inside Liberty on the real database: only a listed administrator with
 * 2FA on gets the role and may act; a reset needs a reason, removes every factor, ends the
 * customer's sessions and shows the reason in their activity; an unlock lets the right code in
 * again at once. The test server lists {@code admin@portcullis.test} in {@code
 * portcullis.admin.emails}.
 */
@ExtendWith(ArquillianExtension.class)
public class AdminActionsIT {

  static final String ADMIN_EMAIL = "admin@portcullis.test";
  static final String PASSWORD = "correct horse battery staple";
  private static final Instant MID_STEP = Instant.parse("2026-11-27T12:00:15Z");

  @Deployment
  public static WebArchive deployment() {
    return Deployments.inContainer("admin-it.war", AdminActionsIT.class);
  }

  @Inject RegisterAccount registerAccount;
  @Inject dev.portcullis.account.MailedLinks links;
  @Inject dev.portcullis.account.EmailAddresses addresses;
  @Inject java.time.Clock clock;
  @Inject Accounts accounts;
  @Inject EnrollTotp enrollTotp;
  @Inject VerifySecondFactor verifier;
  @Inject SecondFactors secondFactors;
  @Inject RecoveryCodes recoveryCodes;
  @Inject AdminActions actions;
  @Inject AdministratorGroups groups;
  @Inject AuditTrail trail;
  @Inject TwoFactorPolicy policy;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  private final Totp totp = Totp.standard();
  private String adminId;
  private String customerId;
  private byte[] customerSecret;

  @BeforeEach
  void anAdministratorAndACustomerWithTwoFactorOn() throws Exception {
    MovableClock.set(MID_STEP);
    adminId =
        accounts.findByEmail(ADMIN_EMAIL).isPresent()
            ? accounts.findByEmail(ADMIN_EMAIL).orElseThrow().id()
            : registerAccount.register(ADMIN_EMAIL, "Operator", PASSWORD, PASSWORD).id();
    if (!secondFactors.enabled(adminId)) {
      enable(adminId);
    }
    if (!accounts.find(adminId).orElseThrow().emailVerified()) {
      // as the mailed link does it (the link's token is only in the mail, outside the server)
      assertEquals(
          Set.of(),
          groups.getCallerGroups(validated(adminId)),
          "a listed address with 2FA on is no administrator before it is confirmed");
      String token =
          links.issue(
              adminId,
              dev.portcullis.account.MailedLinks.Purpose.VERIFY_EMAIL,
              ADMIN_EMAIL,
              clock.instant());
      assertEquals(
          new dev.portcullis.account.EmailAddresses.Confirmed(ADMIN_EMAIL, false),
          addresses.confirm(token));
    }
    customerId =
        registerAccount
            .register(
                "customer-" + UUID.randomUUID() + "@example.com", "Customer", PASSWORD, PASSWORD)
            .id();
    customerSecret = enable(customerId);
    recoveryCodes.regenerate(customerId);
    MovableClock.advance(Duration.ofSeconds(30));
  }

  private byte[] enable(String accountId) throws Exception {
    EnrollTotp.PendingSecret pending = enrollTotp.begin(accountId, "someone@example.com");
    byte[] secret = new Base32().decode(pending.base32Secret());
    String code = totp.codeAt(secret, totp.stepAt(MovableClock.now()));
    assertInstanceOf(
        SecondFactorMethod.Check.Passed.class,
        enrollTotp.confirm(accountId, TypedCode.of(code).orElseThrow()));
    return secret;
  }

  private String customerCode() {
    return totp.codeAt(customerSecret, totp.stepAt(MovableClock.now()));
  }

  private static CredentialValidationResult validated(String accountId) {
    return new CredentialValidationResult(new CallerPrincipal(accountId), Set.of(Roles.CUSTOMER));
  }

  @Test
  void onlyAListedAdministratorWithTwoFactorOnGetsTheAdminRole() throws Exception {
    assertEquals(Set.of(Roles.ADMIN), groups.getCallerGroups(validated(adminId)));
    assertEquals(
        Set.of(), groups.getCallerGroups(validated(customerId)), "a customer is no administrator");
    String unlisted =
        registerAccount
            .register(
                "not-admin-" + UUID.randomUUID() + "@portcullis.test", "X", PASSWORD, PASSWORD)
            .id();
    assertEquals(Set.of(), groups.getCallerGroups(validated(unlisted)));
  }

  @Test
  void aListedAdministratorWithoutTwoFactorGetsNoRoleAndCannotAct() throws Exception {
    secondFactors.removeAll(adminId);
    try {
      assertEquals(
          Set.of(),
          groups.getCallerGroups(validated(adminId)),
          "a password alone never makes an admin");
      assertThrows(
          AdminActions.Refused.class,
          () -> actions.resetTwoFactor(adminId, customerId, "lost phone, ID checked"));
      assertTrue(secondFactors.enabled(customerId), "nothing was changed");
    } finally {
      enable(adminId);
    }
  }

  @Test
  void aCustomerCannotResetAnotherCustomer() throws Exception {
    String other =
        registerAccount
            .register("other-" + UUID.randomUUID() + "@example.com", "Other", PASSWORD, PASSWORD)
            .id();
    assertThrows(
        AdminActions.Refused.class, () -> actions.resetTwoFactor(customerId, other, "I want to"));
    assertThrows(AdminActions.Refused.class, () -> actions.unlock(customerId, other));
  }

  @Test
  void aResetNeedsAReasonAndChangesNothingWithoutOne() {
    for (String reason :
        new String[] {
          null, "", "   ", "abc", "x".repeat(151), "line\nbreak here", "bidi\u202Ename"
        }) {
      assertThrows(
          AdminActions.Refused.class,
          () -> actions.resetTwoFactor(adminId, customerId, reason),
          reason);
    }
    assertTrue(secondFactors.enabled(customerId));
    assertEquals(RecoveryCodes.COUNT, recoveryCodes.remaining(customerId));
  }

  @Test
  void aResetRemovesEveryFactorEndsTheSessionsAndTellsTheCustomerWhy() {
    Instant loggedInBefore = MovableClock.now().minusSeconds(1);
    assertTrue(accounts.loginStillValid(customerId, loggedInBefore));

    actions.resetTwoFactor(adminId, customerId, "Lost phone; identity checked by phone call");

    assertFalse(secondFactors.enabled(customerId));
    assertEquals(0, recoveryCodes.remaining(customerId));
    assertFalse(
        accounts.loginStillValid(customerId, loggedInBefore), "the customer's sessions ended");
    assertFalse(
        verifier.verify(customerId, customerCode()) instanceof Outcome.Accepted,
        "the old app's codes no longer work");
    assertTrue(
        describe(trail.recent(customerId, 10))
            .contains(
                "Two-Factor Authentication reset by an administrator: reason: Lost phone; identity checked by phone call"),
        "the customer sees the reset and its reason");
    assertInstanceOf(
        EnrollmentPolicy.MustEnrollNow.class,
        policy.decide(customerId, Requirement.EVERYONE, Duration.ofDays(14)),
        "where the policy applies, the customer sets 2FA up again right after the password");
    assertTrue(
        trail.recent(adminId, 10).stream()
            .anyMatch(
                e ->
                    e.type() == SecurityEvent.Type.ADMIN_ACTION
                        && e.getDescription().contains("reset 2FA of customer-")),
        "the administrator's own trail records the action");
  }

  @Test
  void anUnlockLetsTheRightCodeInAtOnce() throws Exception {
    String wrong = customerCode().equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 20; i++) {
      verifier.verify(customerId, wrong);
    }
    assertTrue(lockedInDatabase());
    MovableClock.advance(Duration.ofSeconds(61));
    assertInstanceOf(Outcome.Rejected.class, verifier.verify(customerId, customerCode()), "locked");

    actions.unlock(adminId, customerId);

    assertFalse(lockedInDatabase());
    MovableClock.advance(Duration.ofSeconds(30));
    assertInstanceOf(Outcome.Accepted.class, verifier.verify(customerId, customerCode()));
    assertTrue(
        describe(trail.recent(customerId, 5)).contains("Second step unlocked by an administrator"));
  }

  @Test
  void theGracePeriodStartsAtTheFirstPasswordStepAndEndsInEnrollment() throws Exception {
    String late =
        registerAccount
            .register("late-" + UUID.randomUUID() + "@example.com", "Late", PASSWORD, PASSWORD)
            .id();
    Duration fortnight = Duration.ofDays(14);
    Instant start = MovableClock.now();
    assertEquals(
        new EnrollmentPolicy.NotRequired(), policy.decide(late, Requirement.NONE, fortnight));
    assertEquals(
        new EnrollmentPolicy.NotRequired(),
        policy.decide(late, Requirement.ADMINISTRATORS, fortnight),
        "a customer is no administrator");
    assertEquals(
        new EnrollmentPolicy.GraceUntil(start.plus(fortnight)),
        policy.decide(late, Requirement.EVERYONE, fortnight));
    MovableClock.advance(Duration.ofDays(13));
    assertEquals(
        new EnrollmentPolicy.GraceUntil(start.plus(fortnight)),
        policy.decide(late, Requirement.EVERYONE, fortnight),
        "the deadline set at the first password step does not move");
    MovableClock.advance(Duration.ofDays(2));
    assertInstanceOf(
        EnrollmentPolicy.MustEnrollNow.class, policy.decide(late, Requirement.EVERYONE, fortnight));
    enable(late);
    assertEquals(
        new EnrollmentPolicy.NotRequired(), policy.decide(late, Requirement.EVERYONE, fortnight));
    assertInstanceOf(
        EnrollmentPolicy.MustEnrollNow.class,
        policy.decide(adminlessAdministrator(), Requirement.ADMINISTRATORS, Duration.ZERO),
        "a listed administrator without 2FA must set it up at once under a zero grace period");
  }

  /**
   * The listed administrator, with its factors removed (they are set up again by the next test's
   * setup).
   */
  private String adminlessAdministrator() {
    secondFactors.removeAll(adminId);
    return adminId;
  }

  /**
   * Read through JDBC: an entity found earlier in this request may still be in its persistence
   * context.
   */
  private boolean lockedInDatabase() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT locked_until FROM second_step_state WHERE account_id = ?")) {
      s.setString(1, customerId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getObject(1, LocalDateTime.class) != null;
      }
    }
  }

  private static String describe(List<AuditEntry> entries) {
    return String.join("\n", entries.stream().map(AuditEntry::getDescription).toList());
  }
}
