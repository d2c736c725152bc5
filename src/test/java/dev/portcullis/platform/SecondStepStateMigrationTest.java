package dev.portcullis.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * V8 moves the second-step limiter's state out of the account row: on a database of the version
 * before, a lock in force and the failures counted so far must come through, and the account row
 * must lose the columns. The migrations as the start-up runs them, on an in-memory H2.
 */
class SecondStepStateMigrationTest {

  @Test
  void aLockInForceAndTheCountSoFarSurviveTheMove() throws Exception {
    JdbcDataSource db = JpaOnH2.freshDatabase("v8");
    DatabaseMigrations.flyway(db, "h2").target("7").load().migrate();
    LocalDateTime until = LocalDateTime.of(2026, 12, 2, 1, 30, 0, 123_456_000);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO account (id, email, display_name, password_hash, created_at, code_failures,"
              + " code_locked_until, code_last_attempt_at) VALUES ('locked', 'l@example.com', 'L',"
              + " 'x', TIMESTAMP '2026-01-01 00:00:00', 20, TIMESTAMP '2026-12-02 01:30:00.123456',"
              + " TIMESTAMP '2026-12-02 01:15:00')");
      s.executeUpdate(
          "INSERT INTO account (id, email, display_name, password_hash, created_at)"
              + " VALUES ('fresh', 'f@example.com', 'F', 'x', TIMESTAMP '2026-01-01 00:00:00')");
    }

    DatabaseMigrations.flyway(db, "h2").load().migrate();

    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT account_id, failures, locked_until FROM second_step_state ORDER BY account_id")) {
        assertTrue(r.next());
        assertEquals("locked", r.getString(1));
        assertEquals(20, r.getInt(2));
        assertEquals(until, r.getObject(3, LocalDateTime.class));
        assertFalse(r.next(), "an account that never tried a code gets its row at its first try");
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'ACCOUNT'"
                  + " AND COLUMN_NAME LIKE 'CODE_%'")) {
        r.next();
        assertEquals(0, r.getInt(1), "the account row no longer holds the limiter's columns");
      }
    }
  }
}
