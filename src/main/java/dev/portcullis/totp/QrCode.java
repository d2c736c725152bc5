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

/**
 * Renders text as a QR code PNG on our own server, with ZXing; nothing leaves the server. Every
 * module is a square of whole pixels, at least {@value #MIN_MODULE_PIXELS} wide, and the image at
 * least {@value #MIN_SIZE_PIXELS} pixels: the page shows it at its own size, so a phone's camera
 * gets crisp modules whatever the version.
 */
public final class QrCode {

  /** The smallest image made; small codes get larger modules to reach it. */
  public static final int MIN_SIZE_PIXELS = 240;

  /** The smallest module, in pixels. */
  public static final int MIN_MODULE_PIXELS = 3;

  private static final int MARGIN_MODULES = 4;

  private QrCode() {}

  /**
   * Returns the PNG bytes of a QR code holding {@code text}; never null.
   *
   * @throws IllegalArgumentException if {@code text} does not fit in a QR code (an otpauth URI
   *     always fits: {@link OtpAuthUri#MAX_LENGTH})
   */
  public static byte[] png(String text) {
    try {
      // no CHARACTER_SET hint: an otpauth URI is ASCII (percent-encoded), and an ECI segment for
      // UTF-8
      // makes some readers (ZXing's own among them) miss the code
      Map<EncodeHintType, Object> hints =
          Map.of(
              EncodeHintType.ERROR_CORRECTION,
              ErrorCorrectionLevel.M,
              EncodeHintType.MARGIN,
              MARGIN_MODULES);
      QRCodeWriter writer = new QRCodeWriter();
      // asked for no size, ZXing answers one pixel per module (quiet zone included)
      int modules = writer.encode(text, BarcodeFormat.QR_CODE, 0, 0, hints).getWidth();
      int scale = Math.max(MIN_MODULE_PIXELS, -Math.floorDiv(-MIN_SIZE_PIXELS, modules));
      BitMatrix matrix =
          writer.encode(text, BarcodeFormat.QR_CODE, modules * scale, modules * scale, hints);
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
