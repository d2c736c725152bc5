package dev.portcullis.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the integration tests deploy: always the real WAR built by the package phase. */
public final class Deployments {

  private Deployments() {}

  /** The WAR as built, under the name (and so the context root) {@code name}. */
  public static WebArchive realWar(String name) {
    File war = new File(System.getProperty("portcullis.war", "target/portcullis.war"));
    return ShrinkWrap.create(WebArchive.class, name)
        .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
  }

  /** The Yubico validation server of the tests, served by the test Liberty at /yubistub. */
  public static WebArchive validationStub() {
    return ShrinkWrap.create(WebArchive.class, "yubistub.war")
        .addClasses(ValidationServerStub.class, StubMode.class)
        .addClasses(dev.portcullis.yubikey.Modhex.class, dev.portcullis.yubikey.YubiKeyToken.class);
  }

  /** The real WAR plus test classes that run inside the server, with the application's clock made movable. */
  public static WebArchive inContainer(String name, Class<?>... testClasses) {
    return realWar(name).addClasses(testClasses).addClass(MovableClock.class).addClass(Deployments.class);
  }
}
