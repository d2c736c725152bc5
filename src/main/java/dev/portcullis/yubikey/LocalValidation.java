package dev.portcullis.yubikey;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Validates an OTP on this server with the key's AES-128 secret (privacyIDEA's "AES mode"):
 * decrypt, check the CRC and the private id. Whether the counter moved forward is decided by the
 * caller with a conditional update, so that parallel requests cannot both win.
 */
@ApplicationScoped
public class LocalValidation {

  /**
   * @return {@link ValidationResult.Valid} with the OTP's counter, or {@link
   *     ValidationResult.Invalid}
   */
  public ValidationResult validate(YubicoOtp otp, byte[] aesKey, byte[] privateId) {
    Optional<YubiKeyToken> token = YubiKeyToken.decrypt(otp.token(), aesKey);
    if (token.isEmpty()) {
      return new ValidationResult.Invalid("CRC mismatch: not encrypted with this key's AES secret");
    }
    if (!token.get().hasPrivateId(privateId)) {
      return new ValidationResult.Invalid("private id does not match the registered one");
    }
    return new ValidationResult.Valid(token.get().counter());
  }
}
