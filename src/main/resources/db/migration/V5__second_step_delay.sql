-- When the last second-factor attempt was counted: wrong codes in a row must wait longer and longer.
ALTER TABLE account ADD code_last_attempt_at TIMESTAMP NULL;
