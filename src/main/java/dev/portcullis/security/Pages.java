package dev.portcullis.security;

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
  public static final String ADMIN_ACCOUNT = "faces/admin/account.xhtml";

  /**
   * What an account the 2FA policy sends to enrollment may open: Security Settings, the recovery
   * codes and everything under a method's enrollment folder.
   */
  public static final List<String> ENROLLMENT =
      List.of(SECURITY_SETTINGS, RECOVERY_CODES, "faces/app/totp/", "faces/app/yubikey/");

  private Pages() {}

  /** The servlet path of {@code page}, e.g. {@code /faces/login.xhtml}. */
  public static String path(String page) {
    return "/" + page;
  }

  /** Whether {@code servletPath} (with its path info) is one of the {@link #ENROLLMENT} pages. */
  public static boolean enrollment(String servletPath) {
    String page = servletPath.startsWith("/") ? servletPath.substring(1) : servletPath;
    return ENROLLMENT.stream().anyMatch(p -> p.endsWith("/") ? page.startsWith(p) : page.equals(p));
  }
}
