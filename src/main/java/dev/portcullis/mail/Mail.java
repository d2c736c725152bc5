package dev.portcullis.mail;

import java.util.Objects;

/**
 * One message to one address: a plain-text body and a simple HTML one saying the same. Never holds
 * a secret, a code or a password; links carry single-use tokens whose hashes alone are stored.
 */
public record Mail(String to, String subject, String text, String html) {

  public Mail {
    Objects.requireNonNull(to);
    Objects.requireNonNull(subject);
    Objects.requireNonNull(text);
    Objects.requireNonNull(html);
  }

  @Override
  public String toString() {
    // the address is personal data and the body may carry a link's token: neither goes to a log
    return "Mail[" + subject + "]";
  }
}
