package dev.portcullis.totp.web;

import dev.portcullis.account.Account;
import dev.portcullis.account.Accounts;
import dev.portcullis.totp.EnrollTotp;
import dev.portcullis.totp.QrCode;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * The QR code of the signed-in account's pending TOTP secret, rendered here with ZXing. The URL
 * carries no secret; the image exists only while enrollment is pending and is never cached. It sits
 * under {@code /app/}, so only a completed login reaches it.
 */
@WebServlet("/app/totp/qr.png")
public class QrCodeServlet extends HttpServlet {

  @Inject Accounts accounts;
  @Inject EnrollTotp enroll;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    Principal caller = request.getUserPrincipal();
    Optional<Account> account = caller == null ? Optional.empty() : accounts.find(caller.getName());
    Optional<EnrollTotp.PendingSecret> pending =
        account.flatMap(a -> enroll.pending(a.id(), a.email()));
    if (pending.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    byte[] png = QrCode.png(pending.get().otpauthUri());
    response.setContentType("image/png");
    response.setContentLength(png.length);
    response.getOutputStream().write(png);
  }
}
