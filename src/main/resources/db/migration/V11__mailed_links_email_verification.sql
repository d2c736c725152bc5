-- One table for every single-use link the portal mails (account.MailedLinks): a password reset (30 min),
-- an email address to confirm (24 h, the address in detail) and "This wasn't me" (7 days). Only the SHA-256
-- of each token is stored; a link is used up by one conditional UPDATE of used_at. The password reset links
-- of V10 move here unchanged.
CREATE TABLE mailed_link (
    token_hash VARCHAR(64) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    purpose VARCHAR(20) NOT NULL,
    detail VARCHAR(254) NULL,
    created_at ${timestamp} NOT NULL,
    expires_at ${timestamp} NOT NULL,
    used_at ${timestamp} NULL,
    CONSTRAINT pk_mailed_link PRIMARY KEY (token_hash),
    CONSTRAINT fk_mailed_link_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_mailed_link_account ON mailed_link (account_id, purpose, created_at);
INSERT INTO mailed_link (token_hash, account_id, purpose, detail, created_at, expires_at, used_at)
    SELECT token_hash, account_id, 'PASSWORD_RESET', NULL, created_at, expires_at, used_at FROM password_reset;
DROP TABLE password_reset;

-- When the account's address was last confirmed by a mailed link. Accounts registered before verification
-- existed keep working as they did (their administrators stay administrators): they count as confirmed.
ALTER TABLE account ADD email_verified_at ${timestamp} NULL;
UPDATE account SET email_verified_at = created_at;

-- Set by "This wasn't me": sign-in is refused until the password is reset through a mailed link.
ALTER TABLE account ADD sign_in_blocked_at ${timestamp} NULL;

-- Whether a sign-in from a browser the account has not used before is mailed (the one notice a customer
-- can switch off).
ALTER TABLE account ADD new_browser_notices BOOLEAN DEFAULT TRUE NOT NULL;

-- The browsers an account has signed in from: id is the SHA-256 of the account's id and the random token
-- in the browser's __Host-portcullis-browser cookie (the token itself is never stored).
CREATE TABLE known_browser (
    id VARCHAR(64) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    first_seen_at ${timestamp} NOT NULL,
    last_seen_at ${timestamp} NOT NULL,
    CONSTRAINT pk_known_browser PRIMARY KEY (id),
    CONSTRAINT fk_known_browser_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_known_browser_account ON known_browser (account_id);
