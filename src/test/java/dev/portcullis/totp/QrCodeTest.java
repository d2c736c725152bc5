package dev.portcullis.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

  @Test
  void aReaderGetsBackTheExactUri() throws Exception {
    String uri =
        OtpAuthUri.of("Pörtcullis Hosting", "zoë+2fa@exämple.com", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
            Totp.standard());
    var image = ImageIO.read(new ByteArrayInputStream(QrCode.png(uri)));
    assertEquals(QrCode.SIZE_PIXELS, image.getWidth());
    String read =
        new QRCodeReader()
            .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
            .getText();
    assertEquals(uri, read);
  }
}
