package dev.portcullis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.it.pages.Customer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Posts generated input (any Unicode, control characters, very long, markup, SQL) into the public
 * forms of the real application: every answer is one of our pages, never an error page or a stack
 * trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class FormFuzzIT {

  @ArquillianResource URL base;

  /** The hidden fields a browser sends back, among them the view state. */
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

  /** The nonce PrimeFaces' script adds to every form as the hidden field primefaces.nonce. */
  private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

  /** Typical nasty inputs, then generated ones. */
  static List<String> inputs(int generated) {
    List<String> inputs =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "\u0000",
                "\t\r\n",
                "'; DROP TABLE account; --",
                "<script>alert(1)</script>",
                "%00%0d%0a",
                "ä".repeat(5000),
                "x".repeat(20000),
                "\uD83D\uDE00@example.com",
                "@",
                "a@b",
                "\u202eevil@example.com",
                "${7*7}",
                "#{7*7}",
                "../../../../etc/passwd"));
    inputs.addAll(
        Arbitraries.strings().all().ofMaxLength(400).sampleStream().limit(generated).toList());
    return inputs;
  }

  /** Stands for "the nonce of the page the form is on", as a browser sends it. */
  private static final String PAGES_NONCE = "the page's own nonce";

  private HttpResponse<String> post(
      HttpClient client, String page, String form, Map<String, String> fields, boolean withNonce)
      throws Exception {
    return post(client, page, form, fields, withNonce ? PAGES_NONCE : null);
  }

  /**
   * Posts the form of {@code page} with {@code sentNonce} (none when null, or {@link
   * #PAGES_NONCE}).
   */
  private HttpResponse<String> post(
      HttpClient client, String page, String form, Map<String, String> fields, String sentNonce)
      throws Exception {
    String html =
        client
            .send(
                HttpRequest.newBuilder(URI.create(Https.secure(base) + page)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, String> all = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(html);
    while (hidden.find()) {
      all.put(hidden.group(1), hidden.group(2));
    }
    Matcher nonce = NONCE.matcher(html);
    if (PAGES_NONCE.equals(sentNonce) && nonce.find()) {
      all.put("primefaces.nonce", nonce.group(1));
    } else if (sentNonce != null && !PAGES_NONCE.equals(sentNonce)) {
      all.put("primefaces.nonce", sentNonce);
    }
    assertTrue(
        all.containsKey("jakarta.faces.ViewState"), "the form of " + page + " has its view state");
    all.putAll(fields);
    all.put(form, form);
    all.put(form + ":submit", "");
    String body = formBody(all);
    return client.send(
        HttpRequest.newBuilder(URI.create(Https.secure(base) + page))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The fields as an {@code application/x-www-form-urlencoded} body, as a browser sends them. */
  private static String formBody(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static void assertAnsweredWithAPage(HttpResponse<String> response, String what) {
    assertTrue(
        response.statusCode() == 200 || response.statusCode() == 302,
        what + " -> " + response.statusCode());
    String body = response.body();
    assertFalse(
        body.contains("Caused by")
            || body.contains("\tat ")
            || body.contains("java.lang.")
            || body.contains("Something went wrong"),
        what + " showed an error or a stack trace");
  }

  @Test
  void theLoginFormAnswersAnyInputWithAPage() throws Exception {
    for (String input : inputs(25)) {
      HttpClient client = Https.client().cookieHandler(new CookieManager()).build();
      var response =
          post(
              client,
              "faces/login.xhtml",
              "login",
              Map.of("login:email", input, "login:password", input),
              true);
      assertAnsweredWithAPage(response, "login with " + input.length() + " characters");
      assertTrue(
          response.statusCode() == 200,
          "the form came back with a message, not "
              + response.statusCode()
              + " "
              + response.headers().firstValue("Location"));
    }
  }

  @Test
  void aFormStateTakenFromAnotherSessionChangesNothingAndSaysSo() throws Exception {
    HttpClient victim = Https.client().cookieHandler(new CookieManager()).build();
    String html =
        victim
            .send(
                HttpRequest.newBuilder(URI.create(Https.secure(base) + "faces/register.xhtml"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, String> stolen = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(html);
    while (hidden.find()) {
      stolen.put(hidden.group(1), hidden.group(2));
    }
    Matcher nonce = NONCE.matcher(html);
    assertTrue(nonce.find());
    stolen.put("primefaces.nonce", nonce.group(1));
    String email = Customer.newEmail("forged");
    stolen.putAll(
        Map.of(
            "register",
            "register",
            "register:submit",
            "",
            "register:email",
            email,
            "register:name",
            "Forged",
            "register:password",
            Customer.PASSWORD,
            "register:confirmation",
            Customer.PASSWORD));
    HttpClient attacker =
        Https.client()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    attacker.send(
        HttpRequest.newBuilder(URI.create(Https.secure(base) + "faces/login.xhtml")).build(),
        HttpResponse.BodyHandlers.discarding());
    String body = formBody(stolen);
    var response =
        attacker.send(
            HttpRequest.newBuilder(URI.create(Https.secure(base) + "faces/register.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        response.statusCode() == 200 && response.body().contains("nothing was changed"),
        response.body());
    var login =
        post(
            Https.client().cookieHandler(new CookieManager()).build(),
            "faces/login.xhtml",
            "login",
            Map.of("login:email", email, "login:password", Customer.PASSWORD),
            true);
    assertTrue(
        login.body().contains("That email and password don't match an account."),
        "no account was made");
  }

  @Test
  void aPostWithoutItsPagesNonceRunsNoActionAndCountsNoPassword() throws Exception {
    String email = Customer.newEmail("nonce");
    String password = Customer.PASSWORD;
    var registered =
        post(
            Https.client().cookieHandler(new CookieManager()).build(),
            "faces/register.xhtml",
            "register",
            Map.of(
                "register:email",
                email,
                "register:name",
                "Nonce Test",
                "register:password",
                password,
                "register:confirmation",
                password),
            true);
    assertEquals(302, registered.statusCode(), "registered and signed in");
    String elsewhere =
        client()
            .send(
                HttpRequest.newBuilder(URI.create(Https.secure(base) + "faces/login.xhtml"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .replaceAll("(?s).*PrimeFaces\\.csp\\.init\\('([^']+)'\\).*", "$1");
    // none, another page's (a well-formed nonce of the portal), and a made-up one
    for (String nonce : java.util.Arrays.asList(null, elsewhere, "bm90LWEtbm9uY2U=")) {
      HttpClient client = client();
      var refused =
          post(
              client,
              "faces/login.xhtml",
              "login",
              Map.of("login:email", email, "login:password", password),
              nonce);
      assertEquals(302, refused.statusCode(), "nonce " + nonce);
      assertTrue(
          refused
              .headers()
              .firstValue("Location")
              .orElse("")
              .endsWith("faces/login.xhtml?expired=true"),
          refused.headers().firstValue("Location").toString());
      var area =
          client.send(
              HttpRequest.newBuilder(URI.create(Https.secure(base) + "faces/app/index.xhtml"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertTrue(
          area.headers().firstValue("Location").orElse("").contains("faces/login.xhtml"),
          "the right password without the page's nonce signed nobody in (nonce " + nonce + ")");
    }
    for (int i = 0; i < 12; i++) {
      post(
          client(),
          "faces/login.xhtml",
          "login",
          Map.of("login:email", email, "login:password", "wrong " + i),
          null);
    }
    var login =
        post(
            client(),
            "faces/login.xhtml",
            "login",
            Map.of("login:email", email, "login:password", password),
            true);
    assertTrue(
        login.headers().firstValue("Location").orElse("").contains("faces/app/index.xhtml"),
        "refused posts counted no wrong password: "
            + login.statusCode()
            + " "
            + login.headers().firstValue("Location"));
  }

  private static HttpClient client() {
    return Https.client().cookieHandler(new CookieManager()).build();
  }

  @Test
  void theRegistrationFormAnswersAnyInputWithAPage() throws Exception {
    for (String input : inputs(25)) {
      HttpClient client = Https.client().cookieHandler(new CookieManager()).build();
      var response =
          post(
              client,
              "faces/register.xhtml",
              "register",
              Map.of(
                  "register:email",
                  input,
                  "register:name",
                  input,
                  "register:password",
                  input,
                  "register:confirmation",
                  input),
              true);
      assertAnsweredWithAPage(response, "registration with " + input.length() + " characters");
    }
  }

  @Test
  void theForgottenPasswordFormAndTheResetLinkAnswerAnyInputWithAPage() throws Exception {
    for (String input : inputs(25)) {
      HttpClient client = Https.client().cookieHandler(new CookieManager()).build();
      var response =
          post(
              client, "faces/password/forgot.xhtml", "forgot", Map.of("forgot:email", input), true);
      assertAnsweredWithAPage(
          response, "forgotten password with " + input.length() + " characters");
      var link =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          Https.secure(base)
                              + "faces/password/reset.xhtml?token="
                              + URLEncoder.encode(input, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertAnsweredWithAPage(link, "reset link with " + input.length() + " characters");
      assertTrue(
          link.body().contains("expired or was already used"),
          "no form for a token that is not one");
    }
  }

  @Test
  void theConfirmationAndThisWasntMeLinksAnswerAnyTokenWithAPageAndChangeNothing()
      throws Exception {
    HttpClient client = Https.client().cookieHandler(new CookieManager()).build();
    for (String input : inputs(25)) {
      for (String page :
          List.of(
              "faces/email/confirm.xhtml",
              "faces/email/not-me.xhtml",
              "faces/email/recovery.xhtml",
              "faces/email/cancel-recovery.xhtml")) {
        var link =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(
                            Https.secure(base)
                                + page
                                + "?token="
                                + URLEncoder.encode(input, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertAnsweredWithAPage(link, page + " with " + input.length() + " characters");
        assertTrue(
            link.body().contains("expired or was already used")
                || link.body().contains("This link no longer works"),
            "no button for a token that is not one");
      }
    }
  }

  @Test
  void theChangeEmailNoticeAndRecoveryRequestFormsAnswerAnyInputWithAPage() throws Exception {
    HttpClient client = Https.client().cookieHandler(new CookieManager()).build();
    String email =
        "fuzz-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    post(
        client,
        "faces/register.xhtml",
        "register",
        Map.of(
            "register:email", email,
            "register:name", "Fuzz",
            "register:password", "correct horse battery staple",
            "register:confirmation", "correct horse battery staple"),
        true);
    for (String input : inputs(12)) {
      var change =
          post(
              client,
              "faces/app/security.xhtml",
              "changeEmail",
              Map.of("changeEmail:newEmail", input, "changeEmail:password", input),
              true);
      assertAnsweredWithAPage(change, "change of address to " + input.length() + " characters");
      var notices =
          post(
              client,
              "faces/app/security.xhtml",
              "notices",
              Map.of("notices:newBrowser", input),
              true);
      assertAnsweredWithAPage(notices, "notice setting of " + input.length() + " characters");
      var ticket =
          post(
              client,
              "faces/login/recovery.xhtml",
              "request",
              Map.of("request:what", input, "request:reference", input),
              true);
      assertAnsweredWithAPage(ticket, "recovery request of " + input.length() + " characters");
      assertFalse(ticket.body().contains("Your request is filed"), "2FA is off: nothing filed");
    }
  }
}
