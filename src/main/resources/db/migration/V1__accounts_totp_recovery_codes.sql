-- Portable across H2, PostgreSQL and MariaDB: ids are UUID strings made by the application,
-- times are UTC instants, secrets are stored sealed (AEAD) or hashed, never in clear.

CREATE TABLE account (
    id                 VARCHAR(36)  NOT NULL,
    email              VARCHAR(254) NOT NULL,
    display_name       VARCHAR(100) NOT NULL,
    password_hash      VARCHAR(512) NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    code_failures      INT          DEFAULT 0 NOT NULL,
    code_locked_until  TIMESTAMP    NULL,
    CONSTRAINT pk_account PRIMARY KEY (id),
    CONSTRAINT uq_account_email UNIQUE (email)
);

CREATE TABLE totp_factor (
    id              VARCHAR(36)  NOT NULL,
    account_id      VARCHAR(36)  NOT NULL,
    sealed_secret   VARCHAR(255) NOT NULL,
    algorithm       VARCHAR(10)  NOT NULL,
    digits          INT          NOT NULL,
    period_seconds  INT          NOT NULL,
    last_step       BIGINT       NOT NULL,
    drift_steps     INT          DEFAULT 0 NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    confirmed_at    TIMESTAMP    NULL,
    last_used_at    TIMESTAMP    NULL,
    CONSTRAINT pk_totp_factor PRIMARY KEY (id),
    CONSTRAINT fk_totp_factor_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_totp_factor_account ON totp_factor (account_id);

CREATE TABLE recovery_code (
    id          VARCHAR(36) NOT NULL,
    account_id  VARCHAR(36) NOT NULL,
    salt        VARCHAR(44) NOT NULL,
    code_hash   VARCHAR(44) NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    used_at     TIMESTAMP   NULL,
    CONSTRAINT pk_recovery_code PRIMARY KEY (id),
    CONSTRAINT fk_recovery_code_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_recovery_code_account ON recovery_code (account_id);
