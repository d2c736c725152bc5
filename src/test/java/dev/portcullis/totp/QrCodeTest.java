package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.portcullis.account.EmailAddress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class QrCodeTest {

  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  @Test
  void aReaderGetsBackTheExactUri() throws Exception {
    String uri =
        OtpAuthUri.of("Pörtcullis Hosting", "zoë+2fa@exämple.com", SECRET, Totp.standard());
    assertReadableWithCrispModules(uri);
  }

  @Test
  void theLongestEmailOfThreeByteCharactersStillMakesAReadableCode() throws Exception {
    String email = "\u3042".repeat(64) + "@" + "\u3044".repeat(185) + ".jp";
    assertTrue(EmailAddress.parse(email).isPresent(), "the portal accepts this email");
    assertReadableWithCrispModules(OtpAuthUri.of("Portcullis", email, SECRET, Totp.standard()));
  }

  /** For every email the portal accepts, the QR code reads back and its modules are crisp. */
  @Property(tries = 60)
  void everyAcceptedEmailMakesAReadableCode(@ForAll("emails") String email) throws Exception {
    Assume.that(EmailAddress.parse(email).isPresent());
    String stored = EmailAddress.parse(email).orElseThrow().value();
    assertReadableWithCrispModules(OtpAuthUri.of("Portcullis", stored, SECRET, Totp.standard()));
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local = part(64);
    Arbitrary<String> domain = part(185);
    return local.flatMap(l -> domain.map(d -> l + "@" + d + ".com"));
  }

  /** Runs of ASCII letters, Hiragana (3 bytes each), Latin-1 letters or anything at all. */
  private static Arbitrary<String> part(int max) {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(max),
        Arbitraries.strings().withCharRange('\u3041', '\u3096').ofMinLength(1).ofMaxLength(max),
        Arbitraries.strings().withCharRange('\u00e0', '\u00ff').ofMinLength(1).ofMaxLength(max),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(max));
  }

  private static void assertReadableWithCrispModules(String uri) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCode.png(uri)));
    assertTrue(image.getWidth() >= QrCode.MIN_SIZE_PIXELS);
    int modules =
        Encoder.encode(uri, ErrorCorrectionLevel.M).getVersion().getDimensionForVersion() + 8;
    assertEquals(0, image.getWidth() % modules, "whole pixels per module");
    assertTrue(
        image.getWidth() / modules >= 3,
        "at least 3 pixels per module: " + image.getWidth() / modules);
    // as the tests' phone does: the picture as a pure barcode first, then searched for one
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    String read;
    try {
      read =
          new QRCodeReader()
              .decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
              .getText();
    } catch (com.google.zxing.NotFoundException notPure) {
      read =
          new QRCodeReader()
              .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
              .getText();
    }
    assertEquals(uri, read);
  }
}
