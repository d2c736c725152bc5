package dev.portcullis.it;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through /usr/bin/chromedriver (Selenium Manager downloads nothing), with
 * the few verbs the browser tests need.
 *
 * <p>Starting Chromium and its first page in a new profile costs seconds on a small machine, so
 * closing a {@code Browser} does not quit it: its cookies (every session it held), storage and site
 * storage are deleted, it is left on a blank page, and the next {@code new Browser(...)} of the
 * same test class gets it back, like a person who signs out and clears the browser's data. What the
 * tests can observe of one user never reaches the next: no cookie, no session, no storage, no open
 * page; only cached style sheets, scripts and fonts remain. {@link BrowserPool} quits them after
 * each class.
 */
public final class Browser implements AutoCloseable {

  /**
   * Browsers closed by their tests, by the origin they were opened for, ready for the next test of
   * the class; then quit. A browser only ever goes back to the server it talked to (its open
   * connections must not outlive another server's tests).
   */
  private static final Map<String, Deque<ChromeDriver>> IDLE = new HashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitIdle));
  }

  /**
   * Quits every browser waiting for a next test ({@link BrowserPool} calls it after each class).
   */
  static void quitIdle() {
    synchronized (IDLE) {
      IDLE.values().forEach(idle -> idle.forEach(ChromeDriver::quit));
      IDLE.clear();
    }
  }

  private final ChromeDriver driver;
  private final String base;
  private boolean closed;

  public Browser(URL base) {
    this.base = Https.secure(base);
    ChromeDriver idle;
    synchronized (IDLE) {
      idle = IDLE.getOrDefault(origin(), new ArrayDeque<>()).poll();
    }
    this.driver = idle != null ? idle : start();
    this.driver.manage().window().setSize(new Dimension(1200, 900));
  }

  private static ChromeDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--force-device-scale-factor=1");
    // Liberty's generated development certificate is self-signed
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** The scheme, host and port of the application, e.g. https://localhost:9443. */
  private String origin() {
    String root = java.net.URI.create(base).resolve("/").toString();
    return root.substring(0, root.length() - 1);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public String base() {
    return base;
  }

  /** Opens {@code path} relative to the application's root, e.g. {@code faces/login.xhtml}. */
  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement find(String id) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /**
   * Waits up to 20 s, looking every 50 ms (Selenium's default of 500 ms adds that much to every
   * step).
   */
  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.pollingEvery(Duration.ofMillis(50));
    return wait;
  }

  public void type(String id, String text) {
    WebElement field = find(id);
    field.clear();
    field.sendKeys(text);
  }

  /**
   * Clicks and waits until the page the click leads to has loaded (non-AJAX submits and links): the
   * marker set on the old document is gone and the new one is complete.
   */
  public void clickAndWait(String id) {
    WebElement element = find(id);
    script("window.portcullisOldPage = true;");
    element.click();
    waitForTheNextPage();
  }

  /** Waits until the marker set on the old document is gone and the new one is complete. */
  private void waitForTheNextPage() {
    waiting()
        .ignoring(WebDriverException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    script(
                        "return window.portcullisOldPage === undefined"
                            + " && document.readyState === 'complete';")));
  }

  /**
   * Clicks a button the page keeps hidden (one its script clicks, like the security key's "send")
   * and waits as {@link #clickAndWait} does.
   */
  public void clickHiddenAndWait(String id) {
    script("window.portcullisOldPage = true; document.getElementById(arguments[0]).click();", id);
    waitForTheNextPage();
  }

  public String text(String id) {
    return find(id).getText();
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String sessionId() {
    Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
    return cookie == null ? null : cookie.getValue();
  }

  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  public Object asyncScript(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
  }

  /** Saves a PNG of the page as {@code name}.png in the screenshots folder. */
  public void screenshot(String name) {
    String dir = System.getProperty("portcullis.screenshots", "target/screenshots");
    try {
      Path folder = Files.createDirectories(Path.of(dir));
      Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write screenshot " + name + " to " + dir, e);
    }
  }

  /**
   * Signs this browser's user out of everything and hands it to the next test: every cookie of
   * every site and every site's storage are deleted and the page is left blank. A browser that
   * cannot be reset is quit instead.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.get("about:blank");
      driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
      driver.executeCdpCommand(
          "Storage.clearDataForOrigin", Map.of("origin", origin(), "storageTypes", "all"));
      if (driver.getWindowHandles().size() != 1) {
        throw new IllegalStateException("a test left windows open");
      }
      synchronized (IDLE) {
        IDLE.computeIfAbsent(origin(), o -> new ArrayDeque<>()).push(driver);
      }
    } catch (RuntimeException notReusable) {
      driver.quit();
    }
  }
}
