package dev.portcullis.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Where the mechanism sends a browser that may not have what it asked for, and how. */
final class Redirects {

  private Redirects() {}

  /**
   * Sends the browser to {@code page} ({@link Pages}). A PrimeFaces/Faces AJAX request cannot
   * follow an HTTP redirect, so it gets a partial response that tells the Faces script to navigate.
   */
  static AuthenticationStatus sendTo(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String page) {
    String url = request.getContextPath() + Pages.path(page);
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<partial-response><redirect url=\""
                    + url
                    + "\"></redirect></partial-response>");
        return AuthenticationStatus.SEND_CONTINUE;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return context.redirect(url);
  }

  /**
   * Whether a login the 2FA policy sent to enrollment is turned away from {@code request}: a
   * protected address that is not one of the {@link Pages#ENROLLMENT} pages.
   */
  static boolean enrollmentGateTurnsAway(
      SignedInCaller caller, HttpServletRequest request, boolean protectedResource) {
    if (!protectedResource || !caller.groups().contains(Roles.ENROLLING)) {
      return false;
    }
    return !Pages.enrollment(Pages.requested(request));
  }
}
