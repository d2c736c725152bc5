package dev.portcullis.web;

/** The words that tell a user their device's clock is off. */
public final class ClockNotice {

  private ClockNotice() {}

  /** Describes an offset (positive: device ahead of the server) for the user. */
  public static String describe(long offsetSeconds) {
    return "Your device's clock seems to be about "
        + Math.abs(offsetSeconds)
        + " seconds "
        + (offsetSeconds > 0 ? "ahead of" : "behind")
        + " the server's time. Codes still work, but please set the time on your device to"
        + " update automatically.";
  }
}
