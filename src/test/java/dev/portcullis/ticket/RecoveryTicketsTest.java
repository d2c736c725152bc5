package dev.portcullis.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.platform.JpaOnH2;
import dev.portcullis.ticket.RecoveryRequest.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery request's states without a server, on the application's schema: a request moves only
 * forward and each step happens once (two nodes or two clicks: one wins); an unconfirmed request
 * dies with its link after 24 hours; a new one replaces an unconfirmed one; an approved one is
 * reminded half-way once, can be cancelled until it is due and is carried out once when due, never
 * before.
 */
class RecoveryTicketsTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration DAY = Duration.ofHours(24);

  private static JpaOnH2 jpa;
  private String account;

  @BeforeAll
  static void database() {
    jpa = JpaOnH2.migrated("tickets");
  }

  @AfterAll
  static void close() {
    jpa.close();
  }

  @BeforeEach
  void anAccount() {
    account = jpa.newAccount();
  }

  private static <T> T tickets(Function<RecoveryTickets, T> call) {
    return jpa.inTransaction(
        em -> {
          RecoveryTickets tickets = new RecoveryTickets();
          tickets.em = em;
          return call.apply(tickets);
        });
  }

  private static boolean did(Function<RecoveryTickets, Boolean> call) {
    return tickets(call);
  }

  private String request(Instant at) {
    return tickets(t -> t.create(account, "My phone fell into the sea.", null, "127.0.0.1", at))
        .id();
  }

  private Status status(String id) {
    return tickets(t -> t.find(id)).orElseThrow().status();
  }

  private String approvedAt(Instant at) {
    String id = request(T0);
    assertTrue(did(t -> t.confirm(id, T0.plusSeconds(60))));
    assertTrue(did(t -> t.approve(id, "admin", "called back", at, at.plus(DAY))));
    return id;
  }

  @Test
  void eachStepHappensOnceAndOnlyForward() {
    String id = request(T0);
    assertEquals(Status.UNCONFIRMED, status(id));
    assertFalse(did(t -> t.approve(id, "admin", "why", T0, T0.plus(DAY))), "not confirmed");
    assertTrue(did(t -> t.confirm(id, T0.plusSeconds(60))));
    assertFalse(did(t -> t.confirm(id, T0.plusSeconds(61))), "confirmed once");
    assertTrue(did(t -> t.approve(id, "admin", "called back", T0.plusSeconds(120), T0.plus(DAY))));
    assertFalse(
        did(t -> t.approve(id, "admin2", "again", T0.plusSeconds(121), T0.plus(DAY))),
        "decided once");
    assertFalse(did(t -> t.reject(id, "admin2", "no", T0.plusSeconds(122))), "decided once");
    RecoveryRequest approved = tickets(t -> t.find(id)).orElseThrow();
    assertEquals(Status.APPROVED, approved.status());
    assertEquals("admin", approved.decidedBy().orElseThrow());
    assertEquals("called back", approved.decisionReason());
    assertEquals(Optional.of(T0.plus(DAY)), approved.effectiveAt());
  }

  @Test
  void aRequestReadInTheTransactionOfItsChangeIsCurrent() {
    String id = request(T0);
    RecoveryRequest approved =
        tickets(
            t -> {
              t.find(id).orElseThrow();
              t.confirm(id, T0.plusSeconds(1));
              t.approve(id, "admin", "called back", T0.plusSeconds(2), T0.plus(DAY));
              return t.find(id).orElseThrow();
            });
    assertEquals(Status.APPROVED, approved.status());
    assertEquals(Optional.of(T0.plus(DAY)), approved.effectiveAt());
  }

  @Test
  void anUnconfirmedRequestDiesWithItsLinkAfter24Hours() {
    String id = request(T0);
    assertTrue(tickets(t -> t.open(account, T0.plus(DAY).minusSeconds(1))).isPresent());
    assertTrue(tickets(t -> t.open(account, T0.plus(DAY))).isEmpty());
    assertFalse(did(t -> t.confirm(id, T0.plus(DAY))));
    assertEquals(Status.UNCONFIRMED, status(id));
  }

  @Test
  void aNewRequestReplacesAnUnconfirmedOne() {
    String first = request(T0);
    String second = request(T0.plusSeconds(30));
    assertEquals(Status.CANCELLED, status(first));
    assertFalse(did(t -> t.confirm(first, T0.plusSeconds(40))));
    assertEquals(second, tickets(t -> t.open(account, T0.plusSeconds(40))).orElseThrow().id());
    assertEquals(2L, (long) tickets(t -> t.createdSince(account, T0.minusSeconds(1))));
    assertEquals(0L, (long) tickets(t -> t.createdSince(account, T0.plusSeconds(30))));
  }

  @Test
  void theSecondMailIsDueHalfWayAndGoesOnce() {
    String id = approvedAt(T0);
    Duration half = DAY.dividedBy(2);
    assertFalse(tickets(t -> t.remindersDue(T0.plus(half).minusSeconds(1), half)).contains(id));
    assertTrue(tickets(t -> t.remindersDue(T0.plus(half), half)).contains(id));
    assertTrue(did(t -> t.markReminded(id, T0.plus(half))));
    assertFalse(did(t -> t.markReminded(id, T0.plus(half))), "another node already did");
    assertFalse(tickets(t -> t.remindersDue(T0.plus(half).plusSeconds(1), half)).contains(id));
  }

  @Test
  void anApprovedRequestIsCarriedOutOnceWhenDueAndNeverBefore() {
    String id = approvedAt(T0);
    Instant due = T0.plus(DAY);
    assertFalse(tickets(t -> t.due(due.minusMillis(1))).contains(id));
    assertFalse(did(t -> t.complete(id, due.minusMillis(1))), "not yet");
    assertTrue(tickets(t -> t.due(due)).contains(id));
    assertTrue(did(t -> t.complete(id, due)));
    assertFalse(did(t -> t.complete(id, due.plusSeconds(1))), "once");
    assertFalse(did(t -> t.cancel(id, due.plusSeconds(2))), "too late to cancel");
    assertEquals(Status.COMPLETED, status(id));
    assertTrue(tickets(t -> t.open(account, due.plusSeconds(2))).isEmpty());
  }

  @Test
  void aCancelledRequestIsNeverCarriedOut() {
    String id = approvedAt(T0);
    Instant due = T0.plus(DAY);
    assertTrue(did(t -> t.cancel(id, due.minusSeconds(1))));
    assertFalse(did(t -> t.cancel(id, due.minusSeconds(1))), "once");
    assertFalse(tickets(t -> t.due(due)).contains(id));
    assertFalse(did(t -> t.complete(id, due)));
    assertFalse(tickets(t -> t.remindersDue(T0.plusSeconds(1), DAY)).contains(id));
    assertEquals(Status.CANCELLED, status(id));
  }

  @Test
  void aRejectedRequestIsClosedAndCannotBeApprovedLater() {
    String id = request(T0);
    tickets(t -> t.confirm(id, T0.plusSeconds(1)));
    assertTrue(did(t -> t.reject(id, "admin", "could not reach you", T0.plusSeconds(2))));
    assertFalse(did(t -> t.approve(id, "admin", "after all", T0.plusSeconds(3), T0)));
    assertEquals(Status.REJECTED, status(id));
    assertTrue(tickets(t -> t.open(account, T0.plusSeconds(3))).isEmpty());
  }

  @Test
  void cancellingEverythingStopsEveryOpenRequestOfTheAccountOnly() {
    String mine = approvedAt(T0);
    String other = jpa.newAccount();
    String theirs =
        tickets(t -> t.create(other, "Lost my phone on a train.", "T-1", "10.0.0.1", T0)).id();
    assertEquals(1, (int) tickets(t -> t.cancelAll(account, T0.plusSeconds(5))));
    assertEquals(Status.CANCELLED, status(mine));
    assertEquals(Status.UNCONFIRMED, status(theirs));
  }

  @Test
  void theReviewListHoldsConfirmedAndApprovedRequestsOnly() {
    String approved = approvedAt(T0);
    String other = jpa.newAccount();
    String unconfirmed =
        tickets(t -> t.create(other, "Lost my phone on a train.", null, null, T0)).id();
    List<String> listed =
        tickets(t -> t.underReview(1000)).stream().map(RecoveryRequest::id).toList();
    assertTrue(listed.contains(approved));
    assertFalse(listed.contains(unconfirmed));
  }
}
