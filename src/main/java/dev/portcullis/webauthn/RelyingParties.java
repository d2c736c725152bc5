package dev.portcullis.webauthn;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import dev.portcullis.factor.SecondFactorMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the portal is to authenticators: the relying party id ({@code portcullis.webauthn.rp-id}, by
 * default the host name the portal is served on) and the origins whose answers are believed ({@code
 * portcullis.webauthn.origins}, comma-separated; by default {@code https://} that host and its
 * port). Only HTTPS origins: the library also refuses any other.
 */
@ApplicationScoped
public class RelyingParties {

  /** The name authenticators show beside the account. */
  @Inject
  @ConfigProperty(name = "portcullis.webauthn.rp-name", defaultValue = "Portcullis")
  String name;

  @Inject
  @ConfigProperty(name = "portcullis.webauthn.rp-id")
  Optional<String> rpId;

  @Inject
  @ConfigProperty(name = "portcullis.webauthn.origins")
  Optional<String> origins;

  /** Where a request reached the portal: the host name and port the browser used. */
  public record Site(String host, int port) {

    /** Where {@code request} reached the portal. */
    public static Site of(HttpServletRequest request) {
      return new Site(request.getServerName(), request.getServerPort());
    }

    /** Where a browser's answer was sent. */
    static Site of(SecondFactorMethod.Answer answer) {
      return new Site(answer.host(), answer.port());
    }

    /** The browser's answer {@code body}, sent here. */
    public SecondFactorMethod.Answer answer(String body) {
      return new SecondFactorMethod.Answer(body, host, port);
    }

    String origin() {
      return port == 443 ? "https://" + host : "https://" + host + ":" + port;
    }
  }

  /** The relying party for a request that reached {@code site}. */
  RelyingParty forSite(Site site, CredentialRepository credentials) {
    String id = rpId.filter(s -> !s.isBlank()).orElse(site.host());
    Set<String> allowed =
        origins
            .filter(s -> !s.isBlank())
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of(site.origin()));
    return RelyingParty.builder()
        .identity(RelyingPartyIdentity.builder().id(id).name(name).build())
        .credentialRepository(credentials)
        .origins(allowed)
        .build();
  }
}
