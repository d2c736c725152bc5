-- The account's security history (audit trail). Never holds a secret, code or OTP.
CREATE TABLE security_event (
    id              VARCHAR(36)  NOT NULL,
    account_id      VARCHAR(36)  NOT NULL,
    event_type      VARCHAR(40)  NOT NULL,
    detail          VARCHAR(200) NOT NULL,
    occurred_at     TIMESTAMP    NOT NULL,
    client_address  VARCHAR(64)  NULL,
    user_agent      VARCHAR(255) NULL,
    CONSTRAINT pk_security_event PRIMARY KEY (id),
    CONSTRAINT fk_security_event_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_security_event_account_time ON security_event (account_id, occurred_at);
