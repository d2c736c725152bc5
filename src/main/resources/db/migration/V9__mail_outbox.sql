-- The transactional outbox of mail.Outbox: a message is written in the transaction of the change it reports
-- and sent later by the relay of one node, which claims it first (claimed_by, claimed_until) with a
-- conditional UPDATE. sent_at is set once it was handed to the SMTP server (or the .eml folder).
-- ${text} is VARCHAR(65535), or MEDIUMTEXT on MariaDB; ${timestamp} is TIMESTAMP, or DATETIME(6) on MariaDB.
CREATE TABLE mail_outbox (
    id VARCHAR(36) NOT NULL,
    recipient VARCHAR(254) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    text_body ${text} NOT NULL,
    html_body ${text} NOT NULL,
    created_at ${timestamp} NOT NULL,
    next_attempt_at ${timestamp} NOT NULL,
    failures INT NOT NULL,
    claimed_by VARCHAR(36) NULL,
    claimed_until ${timestamp} NULL,
    sent_at ${timestamp} NULL,
    CONSTRAINT pk_mail_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
