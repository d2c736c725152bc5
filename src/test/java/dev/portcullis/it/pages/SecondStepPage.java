package dev.portcullis.it.pages;

import dev.portcullis.it.Browser;

/** The second step: a code from the app, a YubiKey touch or a recovery code. */
public final class SecondStepPage {

  private SecondStepPage() {}

  /** Types {@code code} into the second step the browser shows and submits it. */
  public static void typeCode(Browser browser, String code) {
    browser.type("verify:code", code);
    browser.clickAndWait("verify:submit");
  }
}
