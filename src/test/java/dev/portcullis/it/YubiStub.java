package dev.portcullis.it;

import dev.portcullis.yubikey.VirtualYubiKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Drives {@link ValidationServerStub} over HTTP, from the test JVM or from inside the server. */
public final class YubiStub {

  /** Where the test Liberty serves the stub (see arquillian.xml: portcullis.yubikey.urls). */
  // in the tests' JVM failsafe sets http.port; in the server's, arquillian.xml does
  static final String CONTROL =
      "http://127.0.0.1:" + System.getProperty("http.port", "9080") + "/yubistub/control";

  private YubiStub() {}

  /** Forgets keys and counters, answers genuinely again, and zeroes the request count. */
  public static void reset() {
    call("?reset");
  }

  public static void mode(StubMode mode) {
    call("?mode=" + mode.name());
  }

  /** Tells the validation server this key's secrets, as YubiCloud knows factory-programmed keys. */
  public static void knows(VirtualYubiKey key) {
    call("?key=" + key.publicId() + "&aes=" + key.aesKeyHex() + "&uid=" + key.privateIdHex());
  }

  /** How many verify requests the stub has received since the last reset. */
  public static int requests() {
    return Integer.parseInt(call("").trim());
  }

  private static String call(String query) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(CONTROL + query)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("stub control answered " + response.statusCode());
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stub control not reachable at " + CONTROL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
