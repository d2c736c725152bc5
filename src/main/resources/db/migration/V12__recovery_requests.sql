-- "Submit a ticket" when every second factor and every recovery code is lost (ticket.RecoveryRequests).
-- A request is UNCONFIRMED until the account's address confirms it by a mailed link, then CONFIRMED
-- (awaiting an administrator), then APPROVED (taking effect at effective_at unless the owner cancels;
-- reminded_at is set when the second mail went out) or REJECTED (decision_reason says why), and at last
-- COMPLETED (the factors were removed) or CANCELLED. Every change of status is one conditional UPDATE, so
-- two nodes never both act on one request.
CREATE TABLE recovery_request (
    id VARCHAR(36) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    status VARCHAR(12) NOT NULL,
    what_happened VARCHAR(1000) NOT NULL,
    reference VARCHAR(100) NULL,
    client_address VARCHAR(64) NULL,
    created_at ${timestamp} NOT NULL,
    confirmed_at ${timestamp} NULL,
    decided_at ${timestamp} NULL,
    decided_by VARCHAR(36) NULL,
    decision_reason VARCHAR(150) NULL,
    effective_at ${timestamp} NULL,
    reminded_at ${timestamp} NULL,
    closed_at ${timestamp} NULL,
    CONSTRAINT pk_recovery_request PRIMARY KEY (id),
    CONSTRAINT fk_recovery_request_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_recovery_request_account ON recovery_request (account_id, created_at);
CREATE INDEX ix_recovery_request_status ON recovery_request (status, effective_at);
