package dev.portcullis.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Test deployments only: lets a browser test read and move the server's {@link MovableClock}
 * ({@code ?advance=PT6M}, {@code ?reset} to follow the real time again). Answers with the clock's
 * instant in epoch seconds. {@code ?ran} answers instead whether {@link InContainerCanaryIT}'s
 * in-container test ran in this server.
 */
@WebServlet("/test-clock")
public class ClockControlServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getParameter("ran") != null) {
      // InContainerCanaryIT: whether its in-container test ran in this JVM
      response.setContentType("text/plain");
      response.getWriter().print(System.getProperty(InContainerCanaryIT.MARK, "no"));
      return;
    }
    if (request.getParameter("reset") != null) {
      MovableClock.reset();
    }
    String advance = request.getParameter("advance");
    if (advance != null) {
      MovableClock.advance(Duration.parse(advance));
    }
    response.setContentType("text/plain");
    response.getWriter().print(MovableClock.now().getEpochSecond());
  }
}
