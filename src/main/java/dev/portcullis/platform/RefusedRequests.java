package dev.portcullis.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Bad requests from outside (a scanner's made-up addresses, forms posted without their page's
 * nonce): each is answered, and here only counted, in {@code /metrics} as {@code
 * portcullis.requests.refused{kind=…}}. The first of each kind since start is logged once at INFO,
 * so an operator learns it happens; after that a flood of them writes nothing to the log.
 */
@ApplicationScoped
public class RefusedRequests {

  private static final Logger LOG = Logger.getLogger(RefusedRequests.class.getName());

  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  @Inject MetricRegistry registry;

  /**
   * Counts one refused request.
   *
   * @param kind a fixed word for what was wrong, e.g. {@code no-such-page}; never user input
   * @param uri the address asked for (shortened and stripped of control characters before it is
   *     logged)
   */
  public void refused(String kind, String uri) {
    registry.counter("portcullis.requests.refused", new Tag("kind", kind)).inc();
    if (logged.add(kind)) {
      String shown = uri == null ? "" : uri.replaceAll("[\\p{Cntrl}\\p{Z}]", "?");
      String example = shown.length() > 120 ? shown.substring(0, 120) + "…" : shown;
      LOG.info(
          () ->
              "Refused a request ("
                  + kind
                  + ") for "
                  + example
                  + "; further ones are only counted in"
                  + " /metrics as portcullis_requests_refused_total{kind=\""
                  + kind
                  + "\"}");
    }
  }
}
