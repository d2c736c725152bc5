package dev.portcullis.it;

import org.junit.jupiter.api.AfterEach;

/**
 * In-container test classes that move the server's {@link MovableClock} extend this: every class
 * shares one deployment, so after each test the clock follows the real time again. (JUnit runs this
 * inside the server, with the test.)
 */
abstract class ClockResetting {

  @AfterEach
  void theClockFollowsTheRealTimeAgain() {
    MovableClock.reset();
  }
}
