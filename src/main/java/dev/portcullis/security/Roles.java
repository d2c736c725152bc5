package dev.portcullis.security;

/** The roles of the application, as declared in web.xml. */
public final class Roles {

  /** Every signed-in account; the client area requires it. */
  public static final String CUSTOMER = "customer";

  /**
   * An account that the 2FA policy sends to enrollment right after its password: it reaches only
   * Security Settings and the enrollment pages until it has a second factor.
   */
  public static final String ENROLLING = "enrolling";

  /** Operators listed in {@code portcullis.admin.emails}; the admin console requires it. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
