/**
 * Time-based one-time passwords: the RFC 4226/6238 algorithm (container-free, time passed in), the
 * TOTP factor and its replay guard, the otpauth URI, server-side QR rendering and enrollment. It
 * must not hold login flow or page code outside {@code web}, and never puts a secret in a log line
 * or a URL.
 */
package dev.portcullis.totp;
