package dev.portcullis.security.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A browser that stops downloading a script or style sheet (it navigated on, closed the tab, or
 * found the file in its cache meanwhile) resets its HTTP/2 stream; Faces and the web container then
 * log the failed write as two WARNINGs with a stack trace. That is the client's normal behaviour,
 * not a fault of the portal, and anyone could flood the log with it: from the start of a Faces
 * resource's request until the thread's next request, those records are logged at FINE instead.
 * Every other warning, and every warning about pages, stays.
 */
@WebFilter(
    urlPatterns = {"/jakarta.faces.resource/*", "/faces/jakarta.faces.resource/*"},
    asyncSupported = true)
@WebListener
public class AbandonedDownloads implements Filter, ServletRequestListener {

  /** Where Mojarra's resource handler logs a resource it could not write (JSF1064). */
  static final String FACES = "jakarta.enterprise.resource.webcontainer.faces.application";

  /** Where Liberty's web container logs that a committed response's status cannot change. */
  static final String WEB_CONTAINER = "com.ibm.ws.webcontainer.srt";

  private static final Logger LOG = Logger.getLogger(AbandonedDownloads.class.getName());

  /**
   * The two loggers, held here: java.util.logging keeps loggers only weakly, so a filter set on a
   * logger nobody else holds is lost with it at the next garbage collection.
   */
  private static final Logger[] QUIETED = {
    Logger.getLogger(FACES), Logger.getLogger(WEB_CONTAINER)
  };

  private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

  private static final java.util.logging.Filter QUIET_WHILE_SERVING =
      record -> {
        if (SERVING.get() == null || !abandoned(record)) {
          return true;
        }
        LOG.log(Level.FINE, "A client stopped downloading a resource: {0}", record.getMessage());
        return false;
      };

  @Override
  public void init(FilterConfig config) {
    for (Logger logger : QUIETED) {
      logger.setFilter(QUIET_WHILE_SERVING);
    }
  }

  @Override
  public void destroy() {
    for (Logger logger : QUIETED) {
      if (logger.getFilter() == QUIET_WHILE_SERVING) {
        logger.setFilter(null);
      }
    }
  }

  /**
   * Marks the thread as serving a Faces resource until it starts its next request: the web
   * container writes its note after the filters have returned.
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    SERVING.set(Boolean.TRUE);
    chain.doFilter(request, response);
  }

  /** Every request starts unmarked, whatever the thread served before. */
  @Override
  public void requestInitialized(ServletRequestEvent event) {
    SERVING.remove();
  }

  /**
   * A warning of Faces' resource handler or of the web container while a Faces resource is served:
   * the bytes of a script, style sheet or font could not be written (JSF1064, then the I/O
   * exception as a record of its own), or the response was already committed (SRVE8115W). The
   * resources are the WAR's own files, so nothing else goes wrong there.
   */
  static boolean abandoned(LogRecord record) {
    return record.getLevel() == Level.WARNING
        && (FACES.equals(record.getLoggerName()) || WEB_CONTAINER.equals(record.getLoggerName()));
  }
}
