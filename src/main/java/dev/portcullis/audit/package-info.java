/**
 * The account's security history: every login step and its result, factors added and removed,
 * recovery codes used or regenerated, replays, lockouts and re-authentications. Features fire
 * {@link dev.portcullis.audit.SecurityEvent}s; {@link dev.portcullis.audit.AuditTrail} observes and
 * stores them with the time, client address and user agent. Nothing here is called directly by a
 * feature, and no event ever carries a secret, code or OTP.
 */
package dev.portcullis.audit;
