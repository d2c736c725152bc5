package dev.portcullis.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What a recovery request and an administrator's decision accept as text: several lines of plain
 * text of 20 to 1000 characters for "what happened", an optional line of at most 100 for the
 * reference, and the admin actions' reason; anything else is refused with the field it is about.
 */
class RecoveryRequestTextTest {

  @Test
  void whatHappenedIsPlainTextOnSeveralLinesOf20To1000Characters() {
    assertEquals(
        "My phone was stolen.\nThe codes were on it.",
        RecoveryRequests.checkWhatHappened("  My phone was stolen.\r\nThe codes were on it.  "));
    assertEquals("x".repeat(1000), RecoveryRequests.checkWhatHappened("x".repeat(1000)));
    for (String bad :
        new String[] {
          null,
          "",
          "lost it",
          "x".repeat(19),
          "x".repeat(1001),
          "My phone\u0000 was stolen today",
          "My phone was \u202estolen today",
          "My phone was stolen\u2028today"
        }) {
      assertEquals(
          "what",
          assertThrows(
                  RecoveryRequests.Refused.class, () -> RecoveryRequests.checkWhatHappened(bad))
              .field(),
          String.valueOf(bad));
    }
  }

  @Test
  void theReferenceIsOptionalAndOneShortLine() {
    assertNull(RecoveryRequests.checkReference(null));
    assertNull(RecoveryRequests.checkReference("   "));
    assertEquals("Ticket 4711", RecoveryRequests.checkReference(" Ticket 4711 "));
    for (String bad : new String[] {"x".repeat(101), "line\none", "tab\there"}) {
      assertEquals(
          "reference",
          assertThrows(RecoveryRequests.Refused.class, () -> RecoveryRequests.checkReference(bad))
              .field());
    }
  }

  @Test
  void theDecisionNeedsTheAdminActionsReason() {
    assertEquals("Called back", RecoveryRequests.checkReason(" Called back "));
    for (String bad : new String[] {null, "ok", "x".repeat(151), "two\nlines"}) {
      assertEquals(
          "reason",
          assertThrows(RecoveryRequests.Refused.class, () -> RecoveryRequests.checkReason(bad))
              .field());
    }
  }
}
