package dev.portcullis.security.web;

import dev.portcullis.security.Pages;
import dev.portcullis.security.Reauthenticate;
import dev.portcullis.web.TypedProof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.regex.Pattern;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * "Confirm it's you": the password and a current code before adding a factor to an account that
 * already has one. Pages send the browser here through {@link dev.portcullis.web.FreshProof};
 * afterwards the user goes back where they were going.
 */
@Named("reauthenticate")
@RequestScoped
public class ReauthenticatePage {

  /**
   * Only pages of the client area are places to return to; anything else goes to Security Settings.
   */
  private static final Pattern NEXT = Pattern.compile("faces/app/[a-z0-9/-]+\\.xhtml");

  @Inject TypedProof proof;

  private String next;

  public void confirm() {
    Reauthenticate.Result result = proof.check();
    if (result instanceof Reauthenticate.Refused refused) {
      Messages.addError("reauthenticate:" + refused.field(), refused.message());
      return;
    }
    Faces.redirect(next != null && NEXT.matcher(next).matches() ? next : Pages.SECURITY_SETTINGS);
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }
}
