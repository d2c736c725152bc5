package dev.portcullis.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries: no framing (clickjacking), no MIME sniffing, no referrer to other
 * sites, HSTS over HTTPS, and a Content-Security-Policy with {@code default-src 'self'}. On Faces
 * pages PrimeFaces sends that policy ({@code primefaces.CSP_POLICY} in web.xml) with the page's
 * script nonce appended; every other response (images, static files, Liberty's error pages for the
 * portal) gets the same policy from here, without a nonce, so no script runs inline there at all.
 * Pages are never cached: they can show recovery codes and secrets; static resources may be.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  /** The context parameter that holds the one policy of the portal. */
  static final String POLICY_PARAMETER = "primefaces.CSP_POLICY";

  private static final String RESOURCES = "/jakarta.faces.resource/";

  private String policy;

  @Override
  public void init() throws ServletException {
    policy = getServletContext().getInitParameter(POLICY_PARAMETER);
    if (policy == null
        || !policy.contains("default-src 'self'")
        || !policy.strip().endsWith("script-src 'self'")) {
      throw new ServletException(
          POLICY_PARAMETER
              + " in web.xml must hold default-src 'self' and end with script-src 'self'"
              + " (PrimeFaces appends the nonce), but it is: "
              + policy);
    }
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    boolean resource = request.getRequestURI().contains(RESOURCES);
    if (resource || !facesPage(request)) {
      response.setHeader("Content-Security-Policy", policy);
    }
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    if (!resource) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }

  /** Whether Faces renders this request (and PrimeFaces sends the policy with its nonce). */
  private static boolean facesPage(HttpServletRequest request) {
    return "/faces".equals(request.getServletPath()) || request.getServletPath().endsWith(".xhtml");
  }
}
