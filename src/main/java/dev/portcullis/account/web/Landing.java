package dev.portcullis.account.web;

import dev.portcullis.security.Pages;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The bare address of the portal leads to the client area (which asks for a login first). */
@WebServlet("")
public class Landing extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + Pages.path(Pages.CLIENT_AREA));
  }
}
