-- Security keys and passkeys (WebAuthn). Each account that registers one gets a random user handle
-- (64 random bytes, base64url), never its email or id. A credential is found by the SHA-256 of its id
-- (credential ids can be up to 1023 bytes, too long for a unique index on every database); its public
-- key is stored as COSE, base64url. signature_count only moves forward, by a conditional UPDATE; a
-- counter that went backwards sets cloned_at (the credential may have been copied) and it is refused
-- from then on.
CREATE TABLE webauthn_user (
    account_id   VARCHAR(36)  NOT NULL,
    user_handle  VARCHAR(100) NOT NULL,
    CONSTRAINT pk_webauthn_user PRIMARY KEY (account_id),
    CONSTRAINT uq_webauthn_user_handle UNIQUE (user_handle),
    CONSTRAINT fk_webauthn_user_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE TABLE webauthn_factor (
    id               VARCHAR(36)   NOT NULL,
    account_id       VARCHAR(36)   NOT NULL,
    credential_hash  VARCHAR(64)   NOT NULL,
    credential_id    VARCHAR(1400) NOT NULL,
    name             VARCHAR(40)   NOT NULL,
    public_key_cose  VARCHAR(1400) NOT NULL,
    signature_count  BIGINT        NOT NULL,
    discoverable     BOOLEAN       NOT NULL,
    backup_eligible  BOOLEAN       NOT NULL,
    backed_up        BOOLEAN       NOT NULL,
    cloned_at        ${timestamp}  NULL,
    created_at       ${timestamp}  NOT NULL,
    last_used_at     ${timestamp}  NULL,
    CONSTRAINT pk_webauthn_factor PRIMARY KEY (id),
    CONSTRAINT uq_webauthn_factor_credential UNIQUE (credential_hash),
    CONSTRAINT fk_webauthn_factor_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_webauthn_factor_account ON webauthn_factor (account_id);
