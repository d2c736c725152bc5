package dev.portcullis.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Names a browser from the user agent it sent, for the activity lists: "Chrome 156", "Firefox 140
 * (headless)", or the start of an agent it does not know. A user agent is whatever the client chose
 * to send; this is a hint for the user, never a security decision.
 */
@Named("browserNames")
@ApplicationScoped
public class BrowserNames {

  static final int SHOWN_UNKNOWN = 40;

  /** Returns the browser's name and major version, or the start of the agent; never null. */
  public static String of(String userAgent) {
    String agent = userAgent == null ? "" : userAgent;
    for (String name : new String[] {"Edg/", "Firefox/", "Chrome/", "Safari/"}) {
      int at = agent.indexOf(name);
      if (at >= 0) {
        // Safari's own version is in "Version/…"; "Safari/…" carries the WebKit build
        int versionAt = name.equals("Safari/") ? agent.indexOf("Version/") : -1;
        String version =
            versionAt >= 0
                ? agent.substring(versionAt + "Version/".length()).split("[ .;)]")[0]
                : agent.substring(at + name.length()).split("[ .;)]")[0];
        String label = name.equals("Edg/") ? "Edge" : name.substring(0, name.length() - 1);
        return label + " " + version + (agent.contains("HeadlessChrome") ? " (headless)" : "");
      }
    }
    return agent.length() > SHOWN_UNKNOWN ? agent.substring(0, SHOWN_UNKNOWN) + "…" : agent;
  }

  /** For pages: {@code #{browserNames.name(e.userAgent)}}. */
  public String name(String userAgent) {
    return of(userAgent);
  }
}
