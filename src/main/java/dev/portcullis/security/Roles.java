package dev.portcullis.security;

/** The roles of the application, as declared in web.xml. */
public final class Roles {

  /** Every signed-in account; the client area requires it. */
  public static final String CUSTOMER = "customer";

  private Roles() {}
}
