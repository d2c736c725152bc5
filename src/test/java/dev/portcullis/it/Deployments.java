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

  /**
   * The one deployment of a run ({@link SuiteDeployment}): the real WAR as {@code portcullis.war},
   * plus the test classes that run inside the server, the test-only servlets, and the application's
   * clock made movable ({@link MovableClock}, which follows the real time until a test moves it).
   * Arquillian reaches the in-container tests over plain HTTP on its own servlet, so that one path
   * is exempted from the application's HTTPS-only constraint; nothing else changes.
   */
  public static WebArchive suite() {
    WebArchive archive = realWar("portcullis.war");
    String webXml;
    try (var in = archive.get("WEB-INF/web.xml").getAsset().openStream()) {
      webXml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String exemption =
        "  <security-constraint><web-resource-collection><web-resource-name>arquillian</web-resource-name>"
            + "<url-pattern>/ArquillianServletRunnerEE9</url-pattern></web-resource-collection>"
            + "</security-constraint>\n</web-app>";
    archive.delete("WEB-INF/web.xml");
    archive.setWebXML(
        new org.jboss.shrinkwrap.api.asset.StringAsset(webXml.replace("</web-app>", exemption)));
    return archive
        // the JUnit settings for the JUnit that runs them inside the server (not the test JVM's:
        // see there)
        .addAsResource("in-container/junit-platform.properties", "junit-platform.properties")
        // the classes whose tests run inside the server, and what they use there
        .addClasses(
            AdminActionsIT.class,
            DatabaseDumpIT.class,
            InContainerCanaryIT.class,
            PasswordThrottleIT.class,
            ResealSecretsIT.class,
            SecondFactorVerificationIT.class,
            SecurityKeyStoreIT.class,
            YubiKeyValidationIT.class,
            YubiKeyOutagesIT.class,
            YubiKeyFixture.class)
        .addClasses(YubiStub.class, StubMode.class, dev.portcullis.yubikey.VirtualYubiKey.class)
        .addClasses(MovableClock.class, ClockResetting.class, Deployments.class, Parallel.class)
        // what browser tests ask of the server beside its pages: move its clock, make a recovery
        // due
        .addClasses(ClockControlServlet.class, RecoveryDueServlet.class);
  }
}
