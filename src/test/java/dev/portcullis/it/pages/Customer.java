package dev.portcullis.it.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.Browser;
import java.util.UUID;

/**
 * The browser tests' customer: a fresh email (so tests never share an account), a name and the one
 * password every test customer uses; registered and signed in through the real pages.
 */
public final class Customer {

  public static final String PASSWORD = "correct horse battery staple";

  private final String email;

  private Customer(String email) {
    this.email = email;
  }

  /** An email nobody registered yet, e.g. {@code carol+1a2b3c4d@example.com}. */
  public static String newEmail(String who) {
    return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /**
   * Registers {@code email} through "Create an account"; the browser is then in the client area.
   */
  public static Customer register(Browser browser, String email, String name) {
    RegisterPage.open(browser).submit(email, name, PASSWORD, PASSWORD);
    assertTrue(browser.url().contains("/faces/app/index.xhtml"), browser.url());
    return new Customer(email);
  }

  public String email() {
    return email;
  }

  /** Takes the password step for this customer. */
  public void typePassword(Browser browser) {
    typePassword(browser, email);
  }

  /** Takes the password step for {@code email} with the test customers' password. */
  public static void typePassword(Browser browser, String email) {
    LoginPage.open(browser).signIn(email, PASSWORD);
  }
}
