-- YubiKeys bound to accounts. A public id belongs to one account only. For keys validated locally the
-- AES key and private id are stored sealed (AEAD, bound to account and factor). last_counter is the
-- (usage, session) position of the last accepted OTP, advanced only by a conditional UPDATE.
CREATE TABLE yubikey_factor (
    id                 VARCHAR(36)  NOT NULL,
    account_id         VARCHAR(36)  NOT NULL,
    public_id          VARCHAR(16)  NOT NULL,
    name               VARCHAR(40)  NOT NULL,
    validation         VARCHAR(10)  NOT NULL,
    sealed_aes_key     VARCHAR(255) NULL,
    sealed_private_id  VARCHAR(255) NULL,
    last_counter       BIGINT       NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    last_used_at       TIMESTAMP    NULL,
    CONSTRAINT pk_yubikey_factor PRIMARY KEY (id),
    CONSTRAINT uq_yubikey_factor_public_id UNIQUE (public_id),
    CONSTRAINT fk_yubikey_factor_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_yubikey_factor_account ON yubikey_factor (account_id);
