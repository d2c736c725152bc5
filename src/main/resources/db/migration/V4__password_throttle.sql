-- Failed password attempts, per email (whether or not it has an account) and per client address, so
-- that every node sees the same counts. Separate from the second-factor counter on account.
CREATE TABLE password_throttle (
    throttle_key     VARCHAR(80) NOT NULL,
    failures         INT         NOT NULL,
    window_started   TIMESTAMP   NOT NULL,
    blocked_until    TIMESTAMP   NULL,
    CONSTRAINT pk_password_throttle PRIMARY KEY (throttle_key)
);
