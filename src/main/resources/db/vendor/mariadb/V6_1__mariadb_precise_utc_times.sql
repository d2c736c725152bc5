-- MariaDB only (db/vendor/mariadb): its TIMESTAMP keeps whole seconds, converts between time zones and
-- ends in 2038. The application stores UTC instants to the microsecond, as H2's and PostgreSQL's TIMESTAMP
-- do; DATETIME(6) holds them as they are. Versioned 6.1 so that the next common migration can be 7.
ALTER TABLE account
    MODIFY created_at DATETIME(6) NOT NULL,
    MODIFY code_locked_until DATETIME(6) NULL,
    MODIFY code_last_attempt_at DATETIME(6) NULL,
    MODIFY sessions_valid_from DATETIME(6) NULL;
ALTER TABLE totp_factor
    MODIFY created_at DATETIME(6) NOT NULL,
    MODIFY confirmed_at DATETIME(6) NULL,
    MODIFY last_used_at DATETIME(6) NULL;
ALTER TABLE recovery_code
    MODIFY created_at DATETIME(6) NOT NULL,
    MODIFY used_at DATETIME(6) NULL;
ALTER TABLE yubikey_factor
    MODIFY created_at DATETIME(6) NOT NULL,
    MODIFY last_used_at DATETIME(6) NULL;
ALTER TABLE security_event
    MODIFY occurred_at DATETIME(6) NOT NULL;
ALTER TABLE password_throttle
    MODIFY window_started DATETIME(6) NOT NULL,
    MODIFY blocked_until DATETIME(6) NULL;
