package dev.portcullis.security.web;

import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.security.Pages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/** Ends the login and the whole session. */
@Named("logout")
@RequestScoped
public class LogoutAction {

  @Inject Event<SecurityEvent> events;

  public void logOut() throws ServletException {
    HttpServletRequest request = Faces.getRequest();
    if (request.getRemoteUser() != null) {
      events.fire(SecurityEvent.of(request.getRemoteUser(), SecurityEvent.Type.LOGGED_OUT));
    }
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    Messages.addFlashGlobalInfo("You have logged out.");
    Faces.redirect(Pages.LOGIN);
  }
}
