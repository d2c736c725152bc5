package dev.portcullis.security.web;

import dev.portcullis.platform.RefusedRequests;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.omnifaces.util.Faces;

/**
 * A form post must carry the CSP nonce of the page it came from (PrimeFaces' script adds it to
 * every form and AJAX request as {@code primefaces.nonce}; the page's nonce is kept in its
 * server-side view state). A post without it, or with another one (posted by a script on another
 * site, a bot, or a page left open across a restart) is refused right after its view is restored,
 * before any value is applied or any action runs: no login, no logout, no counted password. The
 * browser gets the same page, freshly loaded, with a notice that nothing was changed; the refusal
 * is counted, never logged as an error.
 *
 * <p>PrimeFaces itself only compares the nonce of AJAX requests, and only while rendering the
 * answer, after the action has run.
 */
public class UnverifiablePosts implements PhaseListener {

  private static final long serialVersionUID = 1L;

  /** Where PrimeFaces keeps the page's nonce, in the view map and in the posted form alike. */
  static final String NONCE = "primefaces.nonce";

  @Override
  public PhaseId getPhaseId() {
    return PhaseId.RESTORE_VIEW;
  }

  @Override
  public void beforePhase(PhaseEvent event) {}

  @Override
  public void afterPhase(PhaseEvent event) {
    FacesContext context = event.getFacesContext();
    if (!context.isPostback() || context.getResponseComplete()) {
      return;
    }
    if (carriesThePagesNonce(context)) {
      return;
    }
    HttpServletRequest request = (HttpServletRequest) context.getExternalContext().getRequest();
    CDI.current()
        .select(RefusedRequests.class)
        .get()
        .refused("post-without-nonce", request.getRequestURI());
    Faces.redirect(request.getRequestURI() + "?expired=true");
    context.responseComplete();
  }

  private static boolean carriesThePagesNonce(FacesContext context) {
    UIViewRoot view = context.getViewRoot();
    Map<String, Object> viewMap = view == null ? null : view.getViewMap(false);
    Object expected = viewMap == null ? null : viewMap.get(NONCE);
    String sent = context.getExternalContext().getRequestParameterMap().get(NONCE);
    return expected instanceof String pageNonce
        && sent != null
        && MessageDigest.isEqual(
            pageNonce.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
