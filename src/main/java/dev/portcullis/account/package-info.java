/**
 * Accounts: registration, email addresses, the password policy and password hashing, when the
 * account's logins are honoured, and the event that says signing in became harder. It must not know
 * which second factors exist or how codes are checked; those live in {@code factor} and the
 * methods. The account's row also holds the second-step limiter's columns, but only {@code
 * factor.SecondStepCounter} touches them.
 */
package dev.portcullis.account;
