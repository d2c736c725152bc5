/**
 * Accounts: registration, email addresses, the password policy and password hashing, when the
 * account's logins are honoured, and the event that says signing in became harder. It must not know
 * which second factors exist or how codes are checked; those live in {@code factor} and the methods
 * (the second-step limiter's state is {@code factor}'s own table).
 */
package dev.portcullis.account;
