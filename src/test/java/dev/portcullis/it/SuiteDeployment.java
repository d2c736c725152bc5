package dev.portcullis.it;

import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What every integration test class of a run uses (arquillian.xml names this class to
 * arquillian-suite-extension): the tests' Yubico validation server at {@code /yubistub}, and the
 * portal at {@code /portcullis} with the in-container tests inside. Both are deployed once, when
 * the first class starts, and removed when the server stops; a deployment of the portal costs 15 to
 * 20 s on the 2-core machine, more than most classes' tests take.
 *
 * <p>Classes therefore share the server's state: its database (as they always did), the validation
 * server's keys and mode ({@link YubiStub#reset()}), and the clock ({@link MovableClock#reset()}).
 * Each class leaves them as it found them.
 */
@ArquillianSuiteDeployment
public final class SuiteDeployment {

  private SuiteDeployment() {}

  @Deployment(name = "stub", testable = false, order = 1)
  public static WebArchive stub() {
    return Deployments.validationStub();
  }

  /** The default deployment: the in-container tests run here. */
  @Deployment(order = 2)
  public static WebArchive portal() {
    return Deployments.suite();
  }
}
