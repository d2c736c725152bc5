package dev.portcullis.security.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AbandonedDownloadsTest {

  /**
   * java.util.logging holds its loggers weakly: a filter set on a logger nobody else references is
   * gone once the logger is collected, and the next getLogger makes a new one without it. In a
   * server that runs for days (or a test run on one deployment) that happened within minutes.
   */
  @Test
  void theQuietingOutlivesAGarbageCollection() throws Exception {
    AbandonedDownloads filter = new AbandonedDownloads();
    filter.init(null);
    try {
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertNotNull(Logger.getLogger(AbandonedDownloads.WEB_CONTAINER).getFilter());
      assertNotNull(Logger.getLogger(AbandonedDownloads.FACES).getFilter());
    } finally {
      filter.destroy();
    }
  }
}
