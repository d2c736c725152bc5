/**
 * Sending mail, for real: a transactional outbox ({@link dev.portcullis.mail.Outbox}, table {@code
 * mail_outbox}) written with the change a message reports, and a relay on every node ({@link
 * dev.portcullis.mail.OutboxRelay}) that claims due messages with conditional UPDATEs and hands
 * them to the SMTP server of {@code portcullis.mail.*}, or, with none configured, to a folder of
 * {@code .eml} files. An outage delays mail and loses none; no node sends a message another has
 * claimed. Wording lives in templates ({@code src/main/resources/mail}).
 */
package dev.portcullis.mail;
