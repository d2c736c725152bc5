package dev.portcullis.it.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.Browser;

/** What every page of the client area has: the menu and "Log out". */
public final class Navigation {

  private Navigation() {}

  /** Logs out through the link on the page and checks the login page is back. */
  public static void logOut(Browser browser) {
    browser.clickAndWait("logout:logoutLink");
    assertTrue(browser.url().contains("login.xhtml"), browser.url());
  }
}
