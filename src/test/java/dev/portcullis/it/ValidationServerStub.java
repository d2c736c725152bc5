package dev.portcullis.it;

import dev.portcullis.yubikey.Modhex;
import dev.portcullis.yubikey.YubiKeyToken;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Yubico validation server (protocol 2.0) for the tests, deployed on its own ({@code /yubistub})
 * in the test Liberty and reached over real HTTP on 127.0.0.1. It checks the request signature with
 * the API key, decrypts OTPs of the keys registered with it, remembers counters (REPLAYED_OTP), and
 * signs its answers echoing nonce and OTP, like YubiCloud.
 *
 * <p>{@code /yubistub/control} tells it what to do: {@code ?reset}, {@code
 * ?key=PUBLICID&aes=HEX&uid=HEX}, {@code ?mode=NAME} (see {@link StubMode}), {@code ?requests} (how
 * many verify requests it has seen).
 */
@WebServlet(urlPatterns = {"/wsapi/2.0/verify", "/control"})
public class ValidationServerStub extends HttpServlet {

  public static final int CLIENT_ID = 4711;

  /** Base64 of the 20-byte API key the test server is configured with (see arquillian.xml). */
  public static final String API_KEY = "cG9ydGN1bGxpcy10ZXN0LWFwaS1rZXk=";

  record Key(byte[] aes, byte[] uid) {}

  private static final Map<String, Key> KEYS = new ConcurrentHashMap<>();
  private static final Map<String, Long> LAST_COUNTER = new ConcurrentHashMap<>();
  private static final AtomicReference<StubMode> MODE = new AtomicReference<>(StubMode.GENUINE);
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().equals("/control")) {
      control(request, response);
    } else {
      verify(request, response);
    }
  }

  private static void control(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getParameter("reset") != null) {
      KEYS.clear();
      LAST_COUNTER.clear();
      MODE.set(StubMode.GENUINE);
      REQUESTS.set(0);
    }
    if (request.getParameter("key") != null) {
      KEYS.put(
          request.getParameter("key"),
          new Key(
              HexFormat.of().parseHex(request.getParameter("aes")),
              HexFormat.of().parseHex(request.getParameter("uid"))));
    }
    if (request.getParameter("mode") != null) {
      MODE.set(StubMode.valueOf(request.getParameter("mode")));
    }
    response.setContentType("text/plain");
    response.getWriter().print(REQUESTS.get());
  }

  private static void verify(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    REQUESTS.incrementAndGet();
    Map<String, String> query = new TreeMap<>();
    for (String pair : Optional.ofNullable(request.getQueryString()).orElse("").split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    StubMode mode = MODE.get();
    switch (mode) {
      case HANG -> {
        // longer than the deadline of the tests' configuration (2 s), short enough not to hold up
        // undeploy
        sleep(3_500);
        response.sendError(504);
        return;
      }
      case HTTP_500 -> {
        response.sendError(500);
        return;
      }
      default -> {}
    }
    String otp = query.getOrDefault("otp", "");
    String status = statusFor(mode, query, otp);
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("otp", mode == StubMode.OTHER_OTP ? anotherOtp(otp) : otp);
    answer.put(
        "nonce",
        mode == StubMode.OTHER_NONCE
            ? "x" + query.getOrDefault("nonce", "")
            : query.getOrDefault("nonce", ""));
    answer.put("t", Instant.now().truncatedTo(ChronoUnit.SECONDS) + "0000");
    answer.put("status", status);
    if ("OK".equals(status) && "1".equals(query.get("timestamp"))) {
      YubiKeyToken token = decrypt(otp).orElseThrow();
      answer.put("timestamp", Integer.toString(token.timestamp()));
      answer.put("sessioncounter", Integer.toString(token.useCounter() & 0x7fff));
      answer.put("sessionuse", Integer.toString(token.sessionCounter()));
    }
    answer.put("sl", "100");
    String signature =
        sign(answer, mode == StubMode.SIGN_WRONGLY ? "d3Jvbmcga2V5IGZvciBzaWduaW5n" : API_KEY);
    StringBuilder body = new StringBuilder("h=").append(signature).append("\r\n");
    answer.forEach((k, v) -> body.append(k).append('=').append(v).append("\r\n"));
    response.setContentType("text/plain");
    response.getWriter().print(body);
  }

  /** The same OTP with its last letter changed, so it is certainly another one. */
  private static String anotherOtp(String otp) {
    char last = otp.isEmpty() ? 'c' : otp.charAt(otp.length() - 1);
    return otp.isEmpty() ? "c" : otp.substring(0, otp.length() - 1) + (last == 'c' ? 'b' : 'c');
  }

  private static String statusFor(StubMode mode, Map<String, String> query, String otp) {
    switch (mode) {
      case BACKEND_ERROR:
        return "BACKEND_ERROR";
      case NOT_ENOUGH_ANSWERS:
        return "NOT_ENOUGH_ANSWERS";
      case REPLAYED_OTP:
        return "REPLAYED_OTP";
      case BAD_SIGNATURE:
        return "BAD_SIGNATURE";
      case NO_SUCH_CLIENT:
        return "NO_SUCH_CLIENT";
      case OPERATION_NOT_ALLOWED:
        return "OPERATION_NOT_ALLOWED";
      case MISSING_PARAMETER:
        return "MISSING_PARAMETER";
      case UNKNOWN_STATUS:
        return "SOMETHING_NEW";
      default:
        break;
    }
    if (!Integer.toString(CLIENT_ID).equals(query.get("id"))) {
      return "NO_SUCH_CLIENT";
    }
    if (!query.containsKey("h")) {
      return "MISSING_PARAMETER";
    }
    Map<String, String> signed = new TreeMap<>(query);
    String h = signed.remove("h");
    if (!sign(signed, API_KEY).equals(h)) {
      return "BAD_SIGNATURE";
    }
    if (otp.length() < 32 || otp.length() > 48 || !Modhex.isModhex(otp)) {
      return "BAD_OTP";
    }
    Optional<YubiKeyToken> token = decrypt(otp);
    if (token.isEmpty()) {
      return "BAD_OTP";
    }
    String publicId = otp.substring(0, otp.length() - 32);
    long counter = token.get().counter();
    Long before = LAST_COUNTER.get(publicId);
    if (before != null && counter <= before) {
      return "REPLAYED_OTP";
    }
    LAST_COUNTER.merge(publicId, counter, Math::max);
    return "OK";
  }

  private static Optional<YubiKeyToken> decrypt(String otp) {
    Key key = KEYS.get(otp.substring(0, otp.length() - 32));
    if (key == null) {
      return Optional.empty();
    }
    return YubiKeyToken.decrypt(Modhex.decode(otp.substring(otp.length() - 32)), key.aes())
        .filter(t -> t.hasPrivateId(key.uid()));
  }

  /**
   * Protocol 2.0 signature: HMAC-SHA1 under the API key over the sorted key=value pairs, base64.
   */
  static String sign(Map<String, String> fields, String apiKey) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(fields)
        .forEach(
            (k, v) -> text.append(text.length() == 0 ? "" : "&").append(k).append('=').append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(apiKey), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
