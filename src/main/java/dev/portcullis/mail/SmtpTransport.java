package dev.portcullis.mail;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends through an SMTP server with Jakarta Mail: STARTTLS required (the default), TLS from the
 * first byte, or plain (a relay on the same host); the server's certificate and name are checked
 * whenever TLS is used. Connecting, reading and writing each give up after 20 seconds, so an
 * unreachable server delays the relay, never blocks it.
 */
final class SmtpTransport implements MailTransport {

  /** How the connection is protected. */
  enum Security {
    STARTTLS,
    TLS,
    NONE
  }

  private static final String TIMEOUT_MS = "20000";

  private final String host;
  private final int port;
  private final Security security;
  private final Optional<String> user;
  private final Optional<String> password;
  private final InternetAddress from;
  private final Clock clock;
  private final Session session;

  SmtpTransport(
      String host,
      int port,
      Security security,
      Optional<String> user,
      Optional<String> password,
      InternetAddress from,
      Clock clock) {
    this.host = host;
    this.port = port;
    this.security = security;
    this.user = user;
    this.password = password;
    this.from = from;
    this.clock = clock;
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", security == Security.TLS ? "smtps" : "smtp");
    for (String protocol : new String[] {"smtp", "smtps"}) {
      String k = "mail." + protocol + ".";
      p.setProperty(k + "host", host);
      p.setProperty(k + "port", Integer.toString(port));
      p.setProperty(k + "connectiontimeout", TIMEOUT_MS);
      p.setProperty(k + "timeout", TIMEOUT_MS);
      p.setProperty(k + "writetimeout", TIMEOUT_MS);
      p.setProperty(k + "auth", Boolean.toString(user.isPresent()));
      p.setProperty(k + "ssl.checkserveridentity", "true");
      p.setProperty(k + "from", from.getAddress());
    }
    if (security == Security.STARTTLS) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    this.session = Session.getInstance(p);
  }

  @Override
  public void send(Mail mail, String messageId) throws Exception {
    var message = MimeMessages.of(session, from, mail, messageId, clock.instant());
    try (Transport transport = session.getTransport()) {
      transport.connect(host, port, user.orElse(null), password.orElse(null));
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  @Override
  public String describe() {
    return "SMTP server "
        + host
        + ":"
        + port
        + " ("
        + switch (security) {
          case STARTTLS -> "STARTTLS required";
          case TLS -> "TLS";
          case NONE -> "no TLS";
        }
        + user.map(u -> ", as " + u).orElse("")
        + ")";
  }
}
