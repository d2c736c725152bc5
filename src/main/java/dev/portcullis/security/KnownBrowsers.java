package dev.portcullis.security;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.platform.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which browsers an account has signed in from, so that a sign-in from another one is noticed
 * ({@link SecurityEvent.Type#NEW_BROWSER}, mailed unless the owner switched it off). A browser is
 * known by a random token in a {@code __Host-} cookie (Secure, HttpOnly, SameSite=Lax, 400 days);
 * the database holds only a hash of it with the account. It proves nothing and opens nothing: it
 * only decides whether a notice is due. The first browser of an account is not news to its owner,
 * and gets no notice.
 */
@ApplicationScoped
public class KnownBrowsers {

  static final String COOKIE = "__Host-portcullis-browser";
  private static final Duration KEPT = Duration.ofDays(400);

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  /** A login of {@code accountId} completed in this browser: records it, noticing a new one. */
  @Transactional
  public void signedIn(HttpServletRequest request, HttpServletResponse response, String accountId) {
    String token = token(request).orElseGet(() -> give(response));
    Instant now = clock.instant();
    String id = PlainText.sha256Hex(accountId + ":" + token);
    KnownBrowser known = em.find(KnownBrowser.class, id);
    if (known != null) {
      known.seen(now);
      return;
    }
    boolean first =
        em.createQuery("SELECT COUNT(b) FROM KnownBrowser b WHERE b.accountId = :a", Long.class)
                .setParameter("a", accountId)
                .getSingleResult()
            == 0;
    em.persist(new KnownBrowser(id, accountId, now));
    if (!first) {
      events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.NEW_BROWSER));
    }
  }

  private static Optional<String> token(HttpServletRequest request) {
    return Optional.ofNullable(request.getCookies()).stream()
        .flatMap(Arrays::stream)
        .filter(c -> COOKIE.equals(c.getName()) && PlainText.isToken(c.getValue()))
        .map(Cookie::getValue)
        .findFirst();
  }

  private static String give(HttpServletResponse response) {
    String token = PlainText.randomToken();
    Cookie cookie = new Cookie(COOKIE, token);
    cookie.setSecure(true);
    cookie.setHttpOnly(true);
    cookie.setPath("/");
    cookie.setMaxAge((int) KEPT.toSeconds());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
    return token;
  }
}
