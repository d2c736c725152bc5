/**
 * Security notices: mail to an account's own address about every change to how it is protected,
 * written to the {@link dev.portcullis.mail.Outbox} in the transaction of the change. Observes the
 * {@link dev.portcullis.audit.SecurityEvent}s the features fire; no feature calls it.
 */
package dev.portcullis.notice;
