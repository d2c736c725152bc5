package dev.portcullis.security.web;

import dev.portcullis.platform.RefusedRequests;
import dev.portcullis.security.Pages;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;

/**
 * An address under the Faces servlet that names no page is a 404, whatever its suffix or folder.
 * Left to Faces, {@code /faces/x.html} is an HTTP 500 ("Strategy not found for viewId") and a
 * missing {@code .xhtml} writes errors and a NullPointerException to the log; scanners ask for
 * thousands of them. Pages are the {@code .xhtml} files of the WAR outside {@code WEB-INF}; Faces
 * resources (scripts, styles, fonts) go on to Faces, which answers a missing one with a 404 of its
 * own.
 */
@WebFilter(
    urlPatterns = {"/faces/*", "*.xhtml"},
    asyncSupported = true)
public class NoSuchPage extends HttpFilter {

  private static final String RESOURCES = "/jakarta.faces.resource/";

  @Inject RefusedRequests refused;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // the file in the WAR, e.g. /login.xhtml, whichever mapping the request came through
    String file = Pages.requested(request).substring("faces".length());
    if (file.startsWith(RESOURCES) || isPage(file)) {
      chain.doFilter(request, response);
      return;
    }
    refused.refused("no-such-page", request.getRequestURI());
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }

  private boolean isPage(String page) {
    if (!page.endsWith(".xhtml") || page.startsWith("/WEB-INF/") || page.contains("..")) {
      return false;
    }
    try {
      return getServletContext().getResource(page) != null;
    } catch (MalformedURLException notAPath) {
      return false;
    }
  }
}
