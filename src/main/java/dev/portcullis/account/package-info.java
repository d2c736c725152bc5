/**
 * Accounts: registration, the password policy and password hashing, and the account's own record of
 * second-step failures. It must not know which second factors exist or how codes are checked; those live
 * in {@code factor}, {@code totp} and {@code recovery}.
 */
package dev.portcullis.account;
