package dev.portcullis.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
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
 * What an authenticator app does: reads the QR code from pixels, keeps the otpauth URI, and computes codes
 * from the secret it carried, with the parameters it named.
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
    // like camera apps, look again closer, and try more than one way of telling black from white
    ReaderException last = null;
    for (BufferedImage picture : List.of(image, twiceAsLarge(image))) {
      var source = new BufferedImageLuminanceSource(picture);
      for (BinaryBitmap bitmap : List.of(
          new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
        try {
          return new Phone(
              new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
        } catch (ReaderException e) {
          last = e;
        }
      }
    }
    throw last;
  }

  private static BufferedImage twiceAsLarge(BufferedImage image) {
    BufferedImage larger =
        new BufferedImage(image.getWidth() * 2, image.getHeight() * 2, BufferedImage.TYPE_INT_RGB);
    var g = larger.createGraphics();
    g.drawImage(image, 0, 0, larger.getWidth(), larger.getHeight(), null);
    g.dispose();
    return larger;
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
