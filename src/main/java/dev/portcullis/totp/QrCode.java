package dev.portcullis.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders text as a QR code PNG on our own server, with ZXing; nothing leaves the server. */
public final class QrCode {

  public static final int SIZE_PIXELS = 240;

  private QrCode() {}

  /** Returns the PNG bytes of a QR code holding {@code text}; never null. */
  public static byte[] png(String text) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  SIZE_PIXELS,
                  SIZE_PIXELS,
                  // no CHARACTER_SET hint: an otpauth URI is ASCII (percent-encoded), and an ECI
                  // segment for UTF-8 makes some readers (ZXing's own among them) miss the code
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN, 4));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "PNG", out);
      return out.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit in a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
