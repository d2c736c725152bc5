package dev.portcullis.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The tests' real SMTP server (GreenMail) on 127.0.0.1:{@code smtp.port}, started in the failsafe
 * JVM before the managed Liberty (configured in arquillian.xml to send there) and stopped after the
 * last test. Browser tests read what the portal sent. Does nothing without {@code smtp.port}, so
 * unit tests start no server.
 */
public class SmtpServer implements LauncherSessionListener {

  private static volatile GreenMail server;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String port = System.getProperty("smtp.port");
    if (port != null && server == null) {
      server = new GreenMail(new ServerSetup(Integer.parseInt(port), "127.0.0.1", "smtp"));
      server.start();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** A received message: to whom, its subject, its plain-text part. */
  public record Received(List<String> to, String subject, String text) {}

  /** Waits up to 30 seconds for a message to {@code to} whose subject starts {@code subject}. */
  public static Received await(String to, String subject) throws Exception {
    return await(to, subject, 1);
  }

  /** Waits up to 30 seconds for the {@code nth} (from 1) such message. */
  public static Received await(String to, String subject, int nth) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(end)) {
      int seen = 0;
      for (MimeMessage m : server.getReceivedMessages()) {
        List<String> recipients =
            Arrays.stream(m.getAllRecipients()).map(Address::toString).toList();
        if (recipients.contains(to) && m.getSubject().startsWith(subject) && ++seen == nth) {
          return new Received(recipients, m.getSubject(), GreenMailUtil.getBody(m));
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "No mail number " + nth + " to " + to + " with subject '" + subject + "…' in 30 s");
  }

  /** The subjects of the messages sent to {@code to} so far, in order of arrival. */
  public static List<String> subjectsTo(String to) throws Exception {
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      if (Arrays.stream(m.getAllRecipients()).map(Address::toString).anyMatch(to::equals)) {
        subjects.add(m.getSubject());
      }
    }
    return subjects;
  }
}
