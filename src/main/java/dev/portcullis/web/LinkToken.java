package dev.portcullis.web;

import org.omnifaces.util.Faces;

/**
 * The token of a mailed link, read from the request itself: the link's {@code token} parameter, or
 * the hidden copy {@code <form>:token} its page's form posts back. Pages read it before any value
 * is applied, since whether their form is rendered (and so processed) depends on it.
 */
public final class LinkToken {

  private LinkToken() {}

  /** The token of this request, for the page whose form is {@code form}; null if none. */
  public static String read(String form) {
    String fromLink = Faces.getRequestParameter("token");
    return fromLink != null ? fromLink : Faces.getRequestParameter(form + ":token");
  }
}
