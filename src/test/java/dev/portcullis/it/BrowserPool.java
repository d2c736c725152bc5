package dev.portcullis.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Quits the browsers a test class closed (and {@link Browser} kept for its next test) once the
 * class is done, before the server it talked to is stopped: a browser's open connections would hold
 * up the server's stop. Registered for every test class (META-INF/services).
 */
public class BrowserPool implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) {
    Browser.quitIdle();
  }
}
