-- Logins completed before this instant are no longer honoured (set when a user ends their other sessions).
ALTER TABLE account ADD sessions_valid_from TIMESTAMP NULL;
