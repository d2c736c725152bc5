package dev.portcullis.it;

/** How {@link ValidationServerStub} answers verify requests. */
public enum StubMode {
  /**
   * Like YubiCloud: OK for a genuine, new OTP of a known key; BAD_OTP or REPLAYED_OTP otherwise.
   */
  GENUINE,
  HANG,
  HTTP_500,
  BACKEND_ERROR,
  NOT_ENOUGH_ANSWERS,
  SIGN_WRONGLY,
  OTHER_NONCE,
  OTHER_OTP,
  REPLAYED_OTP,
  BAD_SIGNATURE,
  NO_SUCH_CLIENT,
  OPERATION_NOT_ALLOWED,
  MISSING_PARAMETER,
  UNKNOWN_STATUS
}
