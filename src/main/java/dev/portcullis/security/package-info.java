/**
 * The two-step login: the Jakarta Security {@code HttpAuthenticationMechanism}, the identity stores
 * for the password and the second-factor code, the pending login between the two steps, the
 * password throttle every password check goes through, re-authentication before sensitive changes,
 * and ending an account's other sessions. It must not check codes itself (that is {@code
 * factor.VerifySecondFactor}) nor hold page code outside {@code web}.
 */
package dev.portcullis.security;
