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
import dev.portcullis.ticket.RecoveryRequest;
import dev.portcullis.ticket.RecoveryRequests;
import dev.portcullis.ticket.RecoveryRounds;
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
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What administrators may do, inside Liberty on the real database: only a listed administrator with
 * 2FA on gets the role and may act; a reset needs a reason, removes every factor, ends the
 * customer's sessions and shows the reason in their activity; an unlock lets the right code in
 * again at once; an account recovery request ("Submit a ticket") acts only once confirmed from the
 * mailbox, approved by an administrator and past its delay, with two mails in between, and never
 * when cancelled, rejected or reported by "This wasn't me". The test server lists {@code
 * admin@portcullis.test} in {@code portcullis.admin.emails}.
 */
@ExtendWith(ArquillianExtension.class)
public class AdminActionsIT extends ClockResetting {

  static final String ADMIN_EMAIL = "admin@portcullis.test";
  static final String PASSWORD = "correct horse battery staple";
  private static final Instant MID_STEP = Instant.parse("2026-11-27T12:00:15Z");

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
  @Inject RecoveryRequests recoveryRequests;
  @Inject RecoveryRounds recoveryRounds;
  @Inject dev.portcullis.ticket.RecoveryTickets recoveryTickets;
  @Inject jakarta.enterprise.event.Event<SecurityEvent> securityEvents;

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

  // --- account recovery requests ("Submit a ticket") ---

  private static final String WHAT = "My phone was stolen and the recovery codes were on it.";

  /**
   * A request of the customer, confirmed as its mailed link does (the token is only in the mail).
   */
  private RecoveryRequest confirmedRequest() {
    // the clock stands still in these tests: without a step, this request's events would share
    // their instant with the last request's, and the activity list orders events of one instant
    // by their random ids
    MovableClock.advance(Duration.ofSeconds(1));
    assertInstanceOf(
        RecoveryRequests.Submitted.class,
        recoveryRequests.submit(customerId, WHAT, "+41 79 000 00 00", "203.0.113.9"));
    RecoveryRequest unconfirmed = recoveryRequests.openFor(customerId).orElseThrow();
    assertEquals(RecoveryRequest.Status.UNCONFIRMED, unconfirmed.status());
    assertTrue(
        describe(trail.recent(customerId, 3)).contains("Account recovery requested"),
        "the request is in the customer's activity");
    String token =
        links.issue(
            customerId,
            dev.portcullis.account.MailedLinks.Purpose.RECOVERY_CONFIRM,
            unconfirmed.id(),
            clock.instant());
    RecoveryRequest confirmed = recoveryRequests.confirm(token).orElseThrow();
    assertEquals(RecoveryRequest.Status.CONFIRMED, confirmed.status());
    assertTrue(recoveryRequests.confirm(token).isEmpty(), "a confirmation link works once");
    return confirmed;
  }

  @Test
  void anApprovedRecoveryRemovesTheFactorsOnlyAfterItsDelayWithTwoMailsBefore() throws Exception {
    RecoveryRequest request = confirmedRequest();
    assertThrows(
        RecoveryRequests.Refused.class,
        () -> recoveryRequests.approve(customerId, request.id(), "I approve my own request"),
        "a customer cannot approve a request");
    Instant loggedInBefore = MovableClock.now().minusSeconds(1);
    RecoveryRequest approved =
        recoveryRequests.approve(adminId, request.id(), "Called back on the phone number");
    assertEquals(
        MovableClock.now()
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            .plus(Duration.ofHours(24)),
        approved.effectiveAt().orElseThrow(),
        "the test server keeps the default delay of 24 hours");
    String email = accounts.find(customerId).orElseThrow().email();
    assertEquals(1, mailsTo(email, "Your account recovery request was approved"));

    MovableClock.advance(Duration.ofHours(11));
    recoveryRounds.round();
    assertEquals(0, mailsTo(email, "Reminder: your second factors will be removed%"));
    MovableClock.advance(Duration.ofHours(1));
    recoveryRounds.round();
    recoveryRounds.round();
    assertEquals(
        1, mailsTo(email, "Reminder: your second factors will be removed%"), "half-way, once");
    assertTrue(secondFactors.enabled(customerId), "nothing changes before the delay is over");
    assertTrue(accounts.loginStillValid(customerId, loggedInBefore));

    MovableClock.advance(Duration.ofHours(12).minusSeconds(1));
    recoveryRounds.round();
    assertTrue(secondFactors.enabled(customerId), "not a second early");
    MovableClock.advance(Duration.ofSeconds(1));
    recoveryRounds.round();
    assertFalse(secondFactors.enabled(customerId));
    assertEquals(0, recoveryCodes.remaining(customerId));
    assertFalse(accounts.loginStillValid(customerId, loggedInBefore), "the sessions ended");
    assertEquals(
        RecoveryRequest.Status.COMPLETED,
        recoveryRequests.completedRecently(customerId).orElseThrow().status(),
        "the Client Area asks the owner to set 2FA up again");
    assertInstanceOf(
        EnrollmentPolicy.MustEnrollNow.class,
        policy.decide(customerId, Requirement.EVERYONE, Duration.ofDays(14)),
        "where the policy applies, the owner sets 2FA up again right after the password");
    String activity = describe(trail.recent(customerId, 20));
    for (String step :
        List.of(
            "Account recovery request confirmed from the mailed link",
            "Account recovery request approved by an administrator: reason: Called back on the phone number",
            "Reminder of the approved account recovery request mailed",
            "Second factors removed by the approved account recovery request")) {
      assertTrue(activity.contains(step), step + " in the customer's activity:\n" + activity);
    }
    assertTrue(
        describe(trail.recent(adminId, 10)).contains("approved the recovery request of customer-"),
        "and in the administrator's");
    assertEquals(
        1,
        mailsTo(
            email,
            "Security notice: Second factors removed by the approved account recovery request"));
  }

  @Test
  void aCancelledRejectedOrReportedRecoveryChangesNothing() throws Exception {
    RecoveryRequest cancelled = confirmedRequest();
    recoveryRequests.approve(adminId, cancelled.id(), "Called back on the phone number");
    String cancel =
        links.issue(
            customerId,
            dev.portcullis.account.MailedLinks.Purpose.RECOVERY_CANCEL,
            cancelled.id(),
            clock.instant());
    assertEquals(cancelled.id(), recoveryRequests.cancel(cancel).orElseThrow().id());
    assertTrue(recoveryRequests.cancel(cancel).isEmpty(), "a cancel link works once");

    RecoveryRequest rejected = confirmedRequest();
    recoveryRequests.reject(adminId, rejected.id(), "We could not reach you by phone");
    assertThrows(
        RecoveryRequests.Refused.class,
        () -> recoveryRequests.approve(adminId, rejected.id(), "Changed my mind after all"),
        "a decision is final");
    assertEquals(
        1,
        mailsTo(
            accounts.find(customerId).orElseThrow().email(),
            "Security notice: Account recovery request rejected by an administrator"));

    RecoveryRequest reported = confirmedRequest();
    recoveryRequests.approve(adminId, reported.id(), "Called back on the phone number");
    securityEvents.fire(
        SecurityEvent.of(customerId, SecurityEvent.Type.SIGN_IN_BLOCKED)); // as NotMe fires it
    assertTrue(recoveryRequests.openFor(customerId).isEmpty(), "This wasn't me cancels it");

    MovableClock.advance(Duration.ofHours(25));
    recoveryRounds.round();
    assertTrue(secondFactors.enabled(customerId), "no cancelled or rejected request acts");
    assertTrue(
        describe(trail.recent(customerId, 30)).contains("Account recovery request cancelled"));
  }

  @Test
  void aRecoveryRequestNeedsTwoFactorOnAndIsOneAtATimeAndThreeADay() throws Exception {
    String without =
        registerAccount
            .register("nofactor-" + UUID.randomUUID() + "@example.com", "No", PASSWORD, PASSWORD)
            .id();
    assertInstanceOf(
        RecoveryRequests.NotSubmitted.class,
        recoveryRequests.submit(without, WHAT, null, "203.0.113.9"),
        "nothing to recover without 2FA");
    assertEquals(
        "what",
        assertInstanceOf(
                RecoveryRequests.NotSubmitted.class,
                recoveryRequests.submit(customerId, "lost it", null, "203.0.113.9"))
            .field());
    confirmedRequest();
    assertInstanceOf(
        RecoveryRequests.NotSubmitted.class,
        recoveryRequests.submit(customerId, WHAT, null, "203.0.113.9"),
        "one request under review at a time");
    recoveryRequests.reject(
        adminId, recoveryRequests.openFor(customerId).orElseThrow().id(), "Could not reach you");
    recoveryRequests.submit(customerId, WHAT, null, "203.0.113.9");
    recoveryRequests.submit(customerId, WHAT, null, "203.0.113.9"); // replaces the unconfirmed one
    RecoveryRequests.NotSubmitted fourth =
        assertInstanceOf(
            RecoveryRequests.NotSubmitted.class,
            recoveryRequests.submit(customerId, WHAT, null, "203.0.113.9"));
    assertTrue(fourth.message().contains("3 requests today"), fourth.message());

    assertInstanceOf(
        RecoveryRequests.Submitted.class,
        recoveryRequests.submit(adminId, WHAT, null, "203.0.113.9"));
    String own = recoveryRequests.openFor(adminId).orElseThrow().id();
    recoveryRequests.confirm(
        links.issue(
            adminId,
            dev.portcullis.account.MailedLinks.Purpose.RECOVERY_CONFIRM,
            own,
            clock.instant()));
    assertThrows(
        RecoveryRequests.Refused.class,
        () -> recoveryRequests.approve(adminId, own, "Approving my own request"),
        "an administrator never decides on their own request");
    recoveryTickets.cancelAll(adminId, clock.instant()); // the next tests' administrator has none
  }

  /** How many messages to {@code to} have a subject LIKE {@code subject}, sent or not. */
  private int mailsTo(String to, String subject) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")) {
      s.setString(1, to);
      s.setString(2, subject);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static String describe(List<AuditEntry> entries) {
    return String.join("\n", entries.stream().map(AuditEntry::getDescription).toList());
  }
}
