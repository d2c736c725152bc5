package dev.portcullis.mail;

import dev.portcullis.platform.StartupCheck;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mail settings ({@code portcullis.mail.*}), checked at start: a wrong one stops the start and
 * names itself. Without {@code portcullis.mail.host} messages go to a folder of {@code .eml} files.
 */
@ApplicationScoped
public class MailSettings implements StartupCheck {

  @Inject
  @ConfigProperty(name = "portcullis.mail.host")
  Optional<String> host;

  @Inject
  @ConfigProperty(name = "portcullis.mail.port")
  Optional<Integer> port;

  @Inject
  @ConfigProperty(name = "portcullis.mail.security", defaultValue = "starttls")
  String security;

  @Inject
  @ConfigProperty(name = "portcullis.mail.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "portcullis.mail.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "portcullis.mail.from", defaultValue = "Portcullis <no-reply@localhost>")
  String from;

  @Inject
  @ConfigProperty(
      name = "portcullis.mail.base-url",
      defaultValue = "https://localhost:9443/portcullis")
  String baseUrl;

  @Inject
  @ConfigProperty(name = "portcullis.mail.folder", defaultValue = "mail")
  String folder;

  @Inject
  @ConfigProperty(name = "portcullis.mail.poll-seconds", defaultValue = "5")
  int pollSeconds;

  @Inject Clock clock;

  private SmtpTransport.Security protection;
  private InternetAddress sender;
  private URI base;

  /** Reaching the bean at start-up creates it, so a wrong setting stops the start. */
  @Override
  public void check() {}

  @PostConstruct
  void checkSettings() {
    List<String> problems = new ArrayList<>();
    try {
      protection = SmtpTransport.Security.valueOf(security.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          "portcullis.mail.security must be starttls, tls or none, not '" + security + "'.");
    }
    port.filter(p -> p < 1 || p > 65535)
        .ifPresent(
            p -> problems.add("portcullis.mail.port must be between 1 and 65535, not " + p + "."));
    if (host.isPresent() && !host.get().matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
      problems.add(
          "portcullis.mail.host must be a host name or an IP address, not '" + host.get() + "'.");
    }
    if (user.isPresent() != password.isPresent()) {
      problems.add(
          "portcullis.mail.user and portcullis.mail.password are set together or not at all.");
    }
    try {
      sender = new InternetAddress(from, true);
    } catch (AddressException e) {
      problems.add(
          "portcullis.mail.from must be an address such as 'Portcullis <no-reply@example.com>', not '"
              + from
              + "'.");
    }
    try {
      base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    } catch (IllegalArgumentException e) {
      base = null;
    }
    if (base == null || !"https".equals(base.getScheme()) || base.getHost() == null) {
      problems.add(
          "portcullis.mail.base-url must be the portal's https:// address, such as"
              + " https://portal.example.com/portcullis, not '"
              + baseUrl
              + "'.");
    }
    if (pollSeconds < 1 || pollSeconds > 3600) {
      problems.add(
          "portcullis.mail.poll-seconds must be between 1 and 3600, not " + pollSeconds + ".");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join(" ", problems));
    }
  }

  /** Where messages go: the configured SMTP server, or else the {@code .eml} folder. */
  MailTransport transport() {
    if (host.isEmpty()) {
      return new EmlFolder(Path.of(folder), sender, clock);
    }
    int chosen =
        port.orElse(
            switch (protection) {
              case STARTTLS -> 587;
              case TLS -> 465;
              case NONE -> 25;
            });
    return new SmtpTransport(host.get(), chosen, protection, user, password, sender, clock);
  }

  Duration poll() {
    return Duration.ofSeconds(pollSeconds);
  }

  /** The portal's address for links in messages, e.g. {@code link("faces/app/security.xhtml")}. */
  public String link(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path).toString();
  }
}
