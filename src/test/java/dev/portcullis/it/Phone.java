package dev.portcullis.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.portcullis.totp.Totp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app does: reads the QR code from pixels, keeps the otpauth URI, and
 * computes codes from the secret it carried, with the parameters it named.
 */
public final class Phone {

  private final URI uri;
  private final Map<String, String> parameters = new HashMap<>();
  private final byte[] secret;
  private final Totp totp;

  private Phone(String otpauth) {
    this.uri = URI.create(otpauth);
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    this.secret = new Base32().decode(parameters.get("secret"));
    this.totp =
        new Totp(
            Totp.Algorithm.valueOf(parameters.getOrDefault("algorithm", "SHA1")),
            Integer.parseInt(parameters.getOrDefault("digits", "6")),
            Integer.parseInt(parameters.getOrDefault("period", "30")));
  }

  /** Scans a picture of a QR code, as a phone's camera would. */
  public static Phone scan(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    // The picture is the QR image alone, so read it as a pure barcode first: ZXing's finder-pattern
    // detector misreads some perfectly clean codes (FormatException) that zbar and phones read.
    ReaderException last = null;
    for (Map<DecodeHintType, Object> hints :
        List.<Map<DecodeHintType, Object>>of(
            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE),
            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))) {
      try {
        return new Phone(new QRCodeReader().decode(bitmap, hints).getText());
      } catch (ReaderException e) {
        last = e;
      }
    }
    throw last;
  }

  public URI uri() {
    return uri;
  }

  public String parameter(String name) {
    return parameters.get(name);
  }

  /** The label as an app shows it: "issuer:account", decoded. */
  public String label() {
    return uri.getPath().substring(1);
  }

  public long stepAt(Instant time) {
    return totp.stepAt(time);
  }

  public String codeAt(long step) {
    return totp.codeAt(secret, step);
  }
}
