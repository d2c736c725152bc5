package dev.portcullis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrowserNamesTest {

  @Test
  void namesTheBrowsersPeopleUse() {
    assertEquals(
        "Chrome 156",
        BrowserNames.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/156.0.7000.1 Safari/537.36"));
    assertEquals(
        "Chrome 156 (headless)",
        BrowserNames.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/156.0.7000.1 Safari/537.36"));
    assertEquals(
        "Edge 140",
        BrowserNames.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/140.0.0.0 Safari/537.36 Edg/140.0.3485.54"));
    assertEquals(
        "Firefox 143",
        BrowserNames.of("Mozilla/5.0 (X11; Linux x86_64; rv:143.0) Gecko/20100101 Firefox/143.0"));
    assertEquals(
        "Safari 18",
        BrowserNames.of(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                + " Version/18.0 Safari/605.1.15"));
  }

  @Test
  void showsTheStartOfAnAgentItDoesNotKnowAndNothingForNone() {
    assertEquals("curl/8.5.0", BrowserNames.of("curl/8.5.0"));
    assertEquals("x".repeat(40) + "…", BrowserNames.of("x".repeat(300)));
    assertEquals("", BrowserNames.of(null));
  }
}
