package dev.portcullis.it;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * the few verbs the browser tests need. Closing it quits the browser.
 */
public final class Browser implements AutoCloseable {

  private final ChromeDriver driver;
  private final String base;

  public Browser(URL base) {
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
    this.driver = new ChromeDriver(service, options);
    this.driver.manage().window().setSize(new Dimension(1200, 900));
    this.base = Https.secure(base);
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
    waiting()
        .ignoring(WebDriverException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    script(
                        "return window.portcullisOldPage === undefined"
                            + " && document.readyState === 'complete';")));
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

  @Override
  public void close() {
    driver.quit();
  }
}
