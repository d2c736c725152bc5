package dev.portcullis.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The addresses of the portal's pages, relative to the application's root (for redirects from
 * pages, e.g. {@code Faces.redirect(Pages.SECURITY_SETTINGS)}); {@link #path} gives the servlet
 * path the mechanism compares and sends to. Pages are linked through the {@code /faces/*} mapping
 * (web.xml says why). One place, so that a page that moves moves everywhere.
 */
public final class Pages {

  public static final String LOGIN = "faces/login.xhtml";
  public static final String VERIFY = "faces/login/verify.xhtml";
  public static final String CLIENT_AREA = "faces/app/index.xhtml";
  public static final String SECURITY_SETTINGS = "faces/app/security.xhtml";
  public static final String RECOVERY_CODES = "faces/app/recovery-codes.xhtml";
  public static final String REAUTHENTICATE = "faces/app/reauthenticate.xhtml";
  public static final String TOTP_ENROLLMENT = "faces/app/totp/enroll.xhtml";
  public static final String YUBIKEY_ENROLLMENT = "faces/app/yubikey/enroll.xhtml";
  public static final String SECURITY_KEY_ENROLLMENT = "faces/app/webauthn/enroll.xhtml";
  public static final String ADMIN_ACCOUNT = "faces/admin/account.xhtml";
  public static final String FORGOT_PASSWORD = "faces/password/forgot.xhtml";
  public static final String RESET_PASSWORD = "faces/password/reset.xhtml";
  public static final String CONFIRM_EMAIL = "faces/email/confirm.xhtml";
  public static final String NOT_ME = "faces/email/not-me.xhtml";
  public static final String RECOVERY_REQUEST = "faces/login/recovery.xhtml";
  public static final String CONFIRM_RECOVERY = "faces/email/recovery.xhtml";
  public static final String CANCEL_RECOVERY = "faces/email/cancel-recovery.xhtml";

  /**
   * What an account the 2FA policy sends to enrollment may open: Security Settings, the recovery
   * codes and everything under a method's enrollment folder.
   */
  public static final List<String> ENROLLMENT =
      List.of(
          SECURITY_SETTINGS,
          RECOVERY_CODES,
          "faces/app/totp/",
          "faces/app/yubikey/",
          "faces/app/webauthn/");

  private Pages() {}

  /** The admin console's page of the account {@code accountId}. */
  public static String adminAccount(String accountId) {
    return ADMIN_ACCOUNT + "?id=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8);
  }

  /** The servlet path of {@code page}, e.g. {@code /faces/login.xhtml}. */
  public static String path(String page) {
    return "/" + page;
  }

  /**
   * The page a request asks for, written as here ({@code faces/app/index.xhtml}), whichever way it
   * came: through {@code /faces/*}, or straight to the file ({@code *.xhtml}, or another servlet in
   * the same folder, such as {@code /app/totp/qr.png}).
   */
  public static String requested(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.equals("/faces") || path.startsWith("/faces/") ? path.substring(1) : "faces" + path;
  }

  /**
   * Whether {@code page} (as {@link #requested} gives it) is one of the {@link #ENROLLMENT} pages.
   */
  public static boolean enrollment(String page) {
    return ENROLLMENT.stream().anyMatch(p -> p.endsWith("/") ? page.startsWith(p) : page.equals(p));
  }
}
