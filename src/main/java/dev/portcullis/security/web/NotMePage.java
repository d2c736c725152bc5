package dev.portcullis.security.web;

import dev.portcullis.platform.ClientAddress;
import dev.portcullis.security.NotMe;
import dev.portcullis.web.LinkToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.omnifaces.util.Faces;

/**
 * The page "This wasn't me" opens, without sign-in: it says what the click will do, and one button
 * does it. An expired, used or altered link gets a page that says so; nothing changes.
 */
@Named("notMe")
@RequestScoped
public class NotMePage {

  @Inject NotMe notMe;
  @Inject ClientAddress clientAddress;

  private String token;
  private Optional<String> email;
  private String secured;

  /** The address of the account the link would secure; read from the link's or form's token. */
  private Optional<String> email() {
    if (email == null) {
      if (token == null) {
        token = LinkToken.read("notMe");
      }
      email = notMe.accountEmail(token);
    }
    return email;
  }

  public boolean isValid() {
    return secured == null && email().isPresent();
  }

  public String getEmail() {
    return email().orElse("");
  }

  public void secure() {
    Optional<String> done = notMe.secure(token, clientAddress.of(Faces.getRequest()));
    email = Optional.empty();
    secured = done.orElse(null);
  }

  /** The address of the account secured by this request's click, or null. */
  public String getSecured() {
    return secured;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }
}
