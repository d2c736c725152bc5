/**
 * One-time recovery codes for when the phone or key is lost: generation (shown once), storage as
 * salted hashes only, and atomic consumption; they are issued through {@code
 * factor.RecoveryCodeIssuer} when the first factor is activated. It must not store or log a code in
 * clear.
 */
package dev.portcullis.recovery;
