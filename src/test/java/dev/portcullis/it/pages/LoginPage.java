package dev.portcullis.it.pages;

import dev.portcullis.it.Browser;

/** The first step: email and password. */
public final class LoginPage {

  private final Browser browser;

  private LoginPage(Browser browser) {
    this.browser = browser;
  }

  public static LoginPage open(Browser browser) {
    browser.open("faces/login.xhtml");
    return new LoginPage(browser);
  }

  /** The login page the browser shows now (after a refused password it stays on it). */
  public static LoginPage on(Browser browser) {
    return new LoginPage(browser);
  }

  /** Types the email and password and submits them. */
  public void signIn(String email, String password) {
    browser.type("login:email", email);
    browser.type("login:password", password);
    browser.clickAndWait("login:submit");
  }
}
