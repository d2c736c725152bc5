/**
 * What every second factor shares: the {@link dev.portcullis.factor.SecondFactorMethod} contract
 * that {@code totp}, {@code yubikey} and {@code recovery} implement, the {@link
 * dev.portcullis.factor.SecondFactor} entity root their factors extend, {@link
 * dev.portcullis.factor.SecondFactors} (the facade everyone else asks: is 2FA on, list, remove),
 * the shape check of a typed code, {@link dev.portcullis.factor.VerifySecondFactor} (the one place
 * where a code is checked), the second-step limiter ({@link
 * dev.portcullis.factor.SecondStepPolicy}, its rules; {@link
 * dev.portcullis.factor.SecondStepCounter} and {@link dev.portcullis.factor.SecondStepState}, its
 * state), and {@link dev.portcullis.factor.AddSecondFactor}, the one enrollment path. It must not
 * contain any one factor's algorithm or storage, and imports no method package.
 */
package dev.portcullis.factor;
