package dev.portcullis.totp;

import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/...} URI that authenticator apps read from the QR code (Google
 * Authenticator's "Key Uri Format"). The label is {@code issuer:account}; both parts are
 * percent-encoded as UTF-8 (spaces as {@code %20}, never {@code +}; a colon inside either part as
 * {@code %3A} so the separator stays unambiguous), and the issuer is repeated as a parameter, which is
 * what current apps use.
 */
public final class OtpAuthUri {

  private OtpAuthUri() {}

  /**
   * Returns the URI. It contains the secret: it goes into a QR code rendered on the server and nowhere
   * else.
   */
  public static String of(String issuer, String account, String base32Secret, Totp totp) {
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + base32Secret
        + "&issuer="
        + encode(issuer)
        + "&algorithm="
        + totp.algorithm().name()
        + "&digits="
        + totp.digits()
        + "&period="
        + totp.periodSeconds();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters and '@'. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
