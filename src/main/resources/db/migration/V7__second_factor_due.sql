-- When an account without a second factor must have one (policy portcullis.policy.require-2fa): set at
-- its first password step under the policy (now + grace period), or by an administrator's reset.
-- ${timestamp} is TIMESTAMP, or DATETIME(6) on MariaDB (see DatabaseMigrations).
ALTER TABLE account ADD second_factor_due_at ${timestamp} NULL;
