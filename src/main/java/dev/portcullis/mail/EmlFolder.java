package dev.portcullis.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * With no SMTP server configured (a developer's embedded start), each message is written as an
 * {@code .eml} file to a folder, so every link can be followed from a mail program or a text
 * editor. A file appears whole or not at all (written aside, then moved in).
 */
final class EmlFolder implements MailTransport {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path folder;
  private final InternetAddress from;
  private final Clock clock;
  private final Session session = Session.getInstance(new Properties());

  EmlFolder(Path folder, InternetAddress from, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.from = from;
    this.clock = clock;
  }

  @Override
  public void send(Mail mail, String messageId) throws Exception {
    Files.createDirectories(folder);
    var now = clock.instant();
    var message = MimeMessages.of(session, from, mail, messageId, now);
    String name = STAMP.format(now) + "-" + messageId.replaceAll("[^A-Za-z0-9.-]", "_") + ".eml";
    Path partial = folder.resolve("." + name + ".part");
    try (OutputStream out = Files.newOutputStream(partial)) {
      message.writeTo(out);
    }
    Files.move(
        partial,
        folder.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String describe() {
    return "the folder " + folder + " (one .eml file per message; no SMTP server is configured)";
  }
}
