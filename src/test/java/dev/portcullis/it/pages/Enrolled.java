package dev.portcullis.it.pages;

import dev.portcullis.it.Phone;
import java.util.List;

/**
 * What turning on Time-Based left behind: the account, the phone that scanned the barcode, the time
 * step its confirming code used up, and the recovery codes shown.
 */
public record Enrolled(String email, Phone phone, long usedStep, List<String> recoveryCodes) {

  /** The first step the phone may use now: after the one used up, and not in the past. */
  public long nextStep() {
    return Math.max(usedStep + 1, phone.stepAt(java.time.Instant.now()));
  }
}
