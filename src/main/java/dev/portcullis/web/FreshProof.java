package dev.portcullis.web;

import dev.portcullis.security.Pages;
import dev.portcullis.security.Reauthenticate;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * What a page that adds a factor asks first: may the caller change factors now ({@link
 * Reauthenticate#mayChangeFactors})? If not, the browser goes to "confirm it's you" and comes back
 * to the page afterwards.
 *
 * <pre>
 * public void begin() {
 *   if (!freshProof.demand(PAGE)) {
 *     return;
 *   }
 *   ...
 * }
 * </pre>
 */
@RequestScoped
public class FreshProof {

  /** The page that asks for the proof; it sends the browser on to {@code next} afterwards. */
  public static final String PAGE = Pages.REAUTHENTICATE;

  @Inject CurrentAccount me;
  @Inject Reauthenticate reauthenticate;

  /**
   * Lets the caller through if they may change factors now; otherwise sends them to confirm it's
   * them, then back to {@code nextPage}.
   *
   * @return whether the caller may go on
   */
  public boolean demand(String nextPage) {
    if (reauthenticate.mayChangeFactors(me.id())) {
      return true;
    }
    Messages.addFlashGlobalInfo("Before you add a second factor, confirm it's you.");
    Faces.redirect(PAGE + "?next=" + URLEncoder.encode(nextPage, StandardCharsets.UTF_8));
    return false;
  }
}
