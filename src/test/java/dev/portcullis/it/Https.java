package dev.portcullis.it;

import java.net.URL;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The test server speaks HTTPS with Liberty's generated, self-signed development certificate; plain
 * HTTP only redirects. Tests talk to it over HTTPS, trusting that certificate (and, through the
 * failsafe property jdk.internal.httpclient.disableHostnameVerification, whatever name it carries).
 */
public final class Https {

  private Https() {}

  /** The application's address over HTTPS, e.g. https://localhost:9443/portcullis/. */
  public static String secure(URL base) {
    String httpsPort = System.getProperty("https.port", "9443");
    String url = base.toString().replaceFirst("^http://([^:/]+):\\d+", "https://$1:" + httpsPort);
    return url.endsWith("/") ? url : url + "/";
  }

  /**
   * The test server's plain HTTP address of {@code path} on 127.0.0.1, e.g. {@code /health/ready}.
   */
  public static java.net.URI plain(String path) {
    return java.net.URI.create(
        "http://127.0.0.1:" + System.getProperty("http.port", "9080") + path);
  }

  /** A client that accepts the development certificate; never follows redirects unless told to. */
  public static HttpClient.Builder client() {
    return HttpClient.newBuilder().sslContext(trustingContext());
  }

  /**
   * A TLS context that accepts the development certificate, for tests that speak TLS themselves.
   */
  public static SSLContext trustingContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
