/**
 * What every second factor shares: the {@link dev.portcullis.factor.SecondFactorMethod} contract that
 * {@code totp} and {@code recovery} implement, the shape check of a typed code, and
 * {@link dev.portcullis.factor.VerifySecondFactor}, the one place where a code is checked under the
 * failure throttle. It must not contain any one factor's algorithm or storage.
 */
package dev.portcullis.factor;
