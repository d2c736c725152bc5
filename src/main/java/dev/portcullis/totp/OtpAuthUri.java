package dev.portcullis.totp;

import dev.portcullis.platform.PlainText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code otpauth://totp/...} URI that authenticator apps read from the QR code (Google
 * Authenticator's "Key Uri Format"). The label is {@code issuer:account}; both parts are
 * percent-encoded as UTF-8 (spaces as {@code %20}, never {@code +}; a colon inside the account as
 * {@code %3A}), and the issuer is repeated as a parameter, which is what current apps use.
 *
 * <p>Readers split the label at its first {@code :} or {@code %3A}, so an issuer may not contain a
 * colon at all ({@link #problemWithIssuer}, checked at start-up); then that split gives exactly the
 * issuer and exactly the account. The whole URI is kept within {@value #MAX_LENGTH} characters, so
 * its QR code stays small enough for a phone to read off a screen: an account name too long for
 * that (emails may have 254 characters, each percent-encoded to nine) is shown shortened in the
 * middle, with "…"; the secret and parameters are never shortened.
 */
public final class OtpAuthUri {

  /** Longest URI made; its QR code is at most version 18 at error correction M (89 modules). */
  public static final int MAX_LENGTH = 512;

  /** Longest issuer, percent-encoded (40 ASCII letters, or 11 characters of 3 bytes). */
  public static final int MAX_ISSUER_ENCODED_LENGTH = 100;

  private static final String ELLIPSIS = "…";

  private OtpAuthUri() {}

  /**
   * Returns the URI. It contains the secret: it goes into a QR code rendered on the server and
   * nowhere else.
   */
  public static String of(String issuer, String account, String base32Secret, Totp totp) {
    return uri(issuer, shownAccount(issuer, account, base32Secret, totp), base32Secret, totp);
  }

  /**
   * Returns the account name the app will show under the issuer: {@code account} itself, or
   * shortened in the middle when the URI would be longer than {@value #MAX_LENGTH} characters.
   */
  public static String shownAccount(String issuer, String account, String base32Secret, Totp totp) {
    int budget = MAX_LENGTH - uri(issuer, "", base32Secret, totp).length();
    if (encode(account).length() <= budget) {
      return account;
    }
    int[] points = account.codePoints().toArray();
    for (int keep = points.length - 1; keep > 0; keep--) {
      int head = (keep + 1) / 2;
      String candidate =
          new String(points, 0, head)
              + ELLIPSIS
              + new String(points, points.length - (keep - head), keep - head);
      if (encode(candidate).length() <= budget) {
        return candidate;
      }
    }
    return ELLIPSIS;
  }

  /**
   * Returns what is wrong with {@code issuer} as the name apps show above the account, naming the
   * setting {@code portcullis.totp.issuer}, or empty.
   */
  public static Optional<String> problemWithIssuer(String issuer) {
    String setting = "portcullis.totp.issuer";
    if (issuer == null || issuer.isBlank()) {
      return Optional.of(setting + " must name the portal for authenticator apps, but it is empty");
    }
    if (issuer.contains(":")) {
      return Optional.of(
          setting
              + " must not contain ':' (authenticator apps split the label at the first colon, so \""
              + issuer
              + "\" would show as issuer \""
              + issuer.substring(0, issuer.indexOf(':'))
              + "\"); it is \""
              + issuer
              + "\"");
    }
    if (PlainText.hasInvisible(issuer) || !issuer.equals(issuer.strip())) {
      return Optional.of(
          setting
              + " must be plain text without control characters or surrounding spaces; it is \""
              + issuer.replaceAll("\\p{Cntrl}", "?")
              + "\"");
    }
    if (encode(issuer).length() > MAX_ISSUER_ENCODED_LENGTH) {
      return Optional.of(
          setting
              + " is too long for the QR code: at most "
              + MAX_ISSUER_ENCODED_LENGTH
              + " characters once URL-encoded (about 40 letters), but \""
              + issuer
              + "\" takes "
              + encode(issuer).length());
    }
    return Optional.empty();
  }

  private static String uri(String issuer, String account, String base32Secret, Totp totp) {
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
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
