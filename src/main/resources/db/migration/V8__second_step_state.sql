-- The second-step limiter's state leaves the account row for a table of its own, which only
-- factor.SecondStepCounter changes: one row per account that has tried a second-step code. A lock in force
-- and the failures counted so far move with it. ${timestamp} is TIMESTAMP, or DATETIME(6) on MariaDB.
CREATE TABLE second_step_state (
    account_id VARCHAR(36) NOT NULL,
    failures INT NOT NULL,
    last_attempt_at ${timestamp} NULL,
    locked_until ${timestamp} NULL,
    CONSTRAINT pk_second_step_state PRIMARY KEY (account_id),
    CONSTRAINT fk_second_step_state_account FOREIGN KEY (account_id) REFERENCES account (id)
);
INSERT INTO second_step_state (account_id, failures, last_attempt_at, locked_until)
    SELECT id, code_failures, code_last_attempt_at, code_locked_until FROM account
    WHERE code_failures <> 0 OR code_last_attempt_at IS NOT NULL OR code_locked_until IS NOT NULL;
ALTER TABLE account DROP COLUMN code_failures;
ALTER TABLE account DROP COLUMN code_locked_until;
ALTER TABLE account DROP COLUMN code_last_attempt_at;
