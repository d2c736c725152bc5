/**
 * Operators' side of the portal: who is an administrator ({@code portcullis.admin.emails}), the
 * group they get at login, and the actions they take on a customer's account (reset 2FA with a
 * reason, unlock a locked second step), each recorded in both accounts' security activity. It must
 * not check codes itself (that is {@code factor.VerifySecondFactor}) nor hold page code outside
 * {@code web}.
 */
package dev.portcullis.admin;
