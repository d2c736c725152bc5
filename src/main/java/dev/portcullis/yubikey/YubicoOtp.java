package dev.portcullis.yubikey;

import dev.portcullis.factor.TypedCode;
import java.util.Optional;

/**
 * What a YubiKey types when touched: its public id (normally 12 modhex letters) followed by 32
 * modhex letters of AES-encrypted token. {@link #toString()} shows the public id only.
 */
public final class YubicoOtp {

  public static final int MIN_LENGTH = 32;
  public static final int MAX_LENGTH = 48;
  static final int TOKEN_LENGTH = 32;

  /** What the user is told when the characters are not modhex. */
  public static final String NOT_MODHEX =
      "That is not what a YubiKey types: it types 32 to 48 of the letters c b d e f g h i j k l n r t u"
          + " v. If other characters appear, your keyboard layout (for example AZERTY or Dvorak) is"
          + " changing them: switch to a US or UK layout and touch the key again.";

  private final String value;

  private YubicoOtp(String value) {
    this.value = value;
  }

  /** Returns whether a normalized code has the length of a Yubico OTP (32 to 48 characters). */
  public static boolean hasOtpLength(TypedCode code) {
    int length = code.value().length();
    return length >= MIN_LENGTH && length <= MAX_LENGTH;
  }

  /**
   * Reads a normalized code (lower case, printable ASCII, spaces removed) as a Yubico OTP.
   *
   * @return the OTP, or empty when its length is not 32–48, a character is not modhex, or the
   *     public id has an odd number of letters; {@link #problemWith} says which, for the user
   */
  public static Optional<YubicoOtp> parse(TypedCode code) {
    return problemWith(code).isPresent()
        ? Optional.empty()
        : Optional.of(new YubicoOtp(code.value()));
  }

  /** Returns what is wrong with {@code code} as a Yubico OTP, in words for the user, or empty. */
  public static Optional<String> problemWith(TypedCode code) {
    String text = code.value();
    if (!hasOtpLength(code)) {
      return Optional.of(
          "A YubiKey types 32 to 48 characters when touched; this has " + text.length() + ".");
    }
    if (!Modhex.isModhex(text) || text.length() % 2 != 0) {
      return Optional.of(NOT_MODHEX);
    }
    return Optional.empty();
  }

  /** The public id that names the key (may be empty for keys programmed without one). */
  public String publicId() {
    return value.substring(0, value.length() - TOKEN_LENGTH);
  }

  /** The 16 encrypted bytes. */
  byte[] token() {
    return Modhex.decode(value.substring(value.length() - TOKEN_LENGTH));
  }

  /** The whole OTP, for the validation service. Never log it. */
  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "YubicoOtp[" + publicId() + ", token redacted]";
  }
}
