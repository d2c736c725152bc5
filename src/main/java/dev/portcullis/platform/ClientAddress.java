package dev.portcullis.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from: the connection's peer, unless that peer is a proxy the operator
 * trusts ({@code portcullis.trusted-proxies}, comma-separated addresses), in which case the last
 * address that proxy appended to {@code X-Forwarded-For}. From anyone else the header is ignored:
 * it is trivially forged.
 */
@ApplicationScoped
public class ClientAddress {

  @Inject
  @ConfigProperty(name = "portcullis.trusted-proxies", defaultValue = " ")
  List<String> trustedProxies;

  private Set<String> trusted;

  @PostConstruct
  void readTrustedProxies() {
    trusted =
        trustedProxies.stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
  }

  /** Returns the client's address; never null. */
  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !trusted.contains(peer)) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    String last = hops[hops.length - 1].trim();
    return last.isEmpty() || last.length() > 64 ? peer : last;
  }
}
