-- Links of "Forgot your password?": only the SHA-256 of each link's token is stored. A token is used up by
-- one conditional UPDATE (used_at), in the transaction that sets the new password; a newer link supersedes
-- the older ones of the account. ${timestamp} is TIMESTAMP, or DATETIME(6) on MariaDB.
CREATE TABLE password_reset (
    token_hash VARCHAR(64) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    created_at ${timestamp} NOT NULL,
    expires_at ${timestamp} NOT NULL,
    used_at ${timestamp} NULL,
    CONSTRAINT pk_password_reset PRIMARY KEY (token_hash),
    CONSTRAINT fk_password_reset_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_password_reset_account ON password_reset (account_id);
