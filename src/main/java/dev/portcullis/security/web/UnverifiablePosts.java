package dev.portcullis.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.primefaces.csp.CspException;

/**
 * A form post without the page's CSP nonce (posted by a script on another site, a bot, or a page left
 * open across a restart) is refused by PrimeFaces with an exception that would become an HTTP 500. Here
 * it becomes what it is for the user: the same page, freshly loaded, with a notice that nothing was
 * changed.
 */
@WebFilter(urlPatterns = "/faces/*", asyncSupported = true)
public class UnverifiablePosts extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(UnverifiablePosts.class.getName());

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException e) {
      if (!causedByCsp(e) || response.isCommitted()) {
        throw e;
      }
      LOG.info(() -> "Refused a post to " + request.getRequestURI() + " without the page's CSP nonce");
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_OK);
      response.sendRedirect(request.getRequestURI() + "?expired=true");
    }
  }

  private static boolean causedByCsp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CspException) {
        return true;
      }
    }
    return false;
  }
}
