package dev.portcullis.it.pages;

import dev.portcullis.it.Browser;

/** "Create an account": email, name, password twice. */
public final class RegisterPage {

  private final Browser browser;

  private RegisterPage(Browser browser) {
    this.browser = browser;
  }

  public static RegisterPage open(Browser browser) {
    browser.open("faces/register.xhtml");
    return new RegisterPage(browser);
  }

  /** The page as it is now (after a submit that came back with messages). */
  public static RegisterPage on(Browser browser) {
    return new RegisterPage(browser);
  }

  /** Fills in the form and submits it; the page that comes back is the browser's. */
  public void submit(String email, String name, String password, String confirmation) {
    if (email != null) {
      browser.type("register:email", email);
    }
    if (name != null) {
      browser.type("register:name", name);
    }
    browser.type("register:password", password);
    browser.type("register:confirmation", confirmation);
    browser.clickAndWait("register:submit");
  }
}
