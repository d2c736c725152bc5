package dev.portcullis.recovery.web;

import dev.portcullis.recovery.RecoveryCodes;
import dev.portcullis.web.CurrentAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.omnifaces.util.Faces;

/**
 * Shows freshly made recovery codes, once: they arrive in the flash scope from the action that made
 * them and are gone on the next request. Copy and download happen in the browser, from the page
 * itself, so the codes are never sent again.
 */
@Named("recoveryCodesPage")
@RequestScoped
public class RecoveryCodesPage {

  @Inject CurrentAccount me;
  @Inject RecoveryCodes recoveryCodes;

  private List<String> codes;

  @SuppressWarnings("unchecked")
  public List<String> getCodes() {
    if (codes == null) {
      Object fromFlash = Faces.getFlashAttribute("recoveryCodes");
      codes = fromFlash instanceof List<?> list ? (List<String>) list : List.of();
    }
    return codes;
  }

  public boolean isFresh() {
    return !getCodes().isEmpty();
  }

  public int getRemaining() {
    return recoveryCodes.remaining(me.id());
  }

  /** The .txt file the Download button saves, as a data: URL (never requested from the server). */
  public String getDownloadHref() {
    StringBuilder text =
        new StringBuilder("Portcullis recovery codes for ")
            .append(me.getEmail())
            .append("\r\nEach code works once. Keep them somewhere safe.\r\n\r\n");
    getCodes().forEach(c -> text.append(c).append("\r\n"));
    return "data:text/plain;charset=utf-8,"
        + URLEncoder.encode(text.toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
