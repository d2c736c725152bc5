package dev.portcullis.mail;

/** Where the relay hands a message: an SMTP server, or a folder of {@code .eml} files. */
public interface MailTransport {

  /**
   * Sends {@code mail} with the Message-ID {@code messageId} (the same on every try, so a receiver
   * can tell a repeat).
   *
   * @throws Exception when it was not sent; the relay tries again later
   */
  void send(Mail mail, String messageId) throws Exception;

  /** Where messages go, in words for the start-up log (no password). */
  String describe();
}
