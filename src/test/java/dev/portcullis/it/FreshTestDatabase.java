package dev.portcullis.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any integration test starts the managed Liberty (whose application migrates its database
 * at start), drops and re-creates {@code portcullis_test} on the PostgreSQL or MariaDB server of
 * the failsafe execution, so counters that earlier runs left (password throttle per address,
 * second-factor failures) cannot change an outcome. The H2 run gets the same from
 * maven-clean-plugin. Does nothing without {@code portcullis.it.db.kind}, so unit tests never touch
 * a database server.
 */
public class FreshTestDatabase implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    recreate(System.getProperty("portcullis.it.db.kind", "h2"), "portcullis_test");
  }

  /**
   * Drops and re-creates the database {@code name} on the server of {@code kind} (h2: nothing);
   * TwoNodeIT makes its own this way.
   */
  static void recreate(String kind, String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException(
          "A test database's name must be lower-case letters and _: " + name);
    }
    switch (kind) {
      case "h2" -> {}
      case "postgresql" ->
          run(
              System.getProperty("portcullis.it.postgresql.admin-url"),
              System.getProperty("portcullis.it.postgresql.admin-user"),
              "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
              "CREATE DATABASE " + name + " ENCODING 'UTF8'");
      case "mariadb" ->
          run(
              System.getProperty("portcullis.it.mariadb.admin-url"),
              System.getProperty("portcullis.it.mariadb.admin-user"),
              "DROP DATABASE IF EXISTS " + name,
              "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      default -> throw new IllegalArgumentException("portcullis.it.db.kind: " + kind);
    }
  }

  private static void run(String url, String user, String... statements) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot prepare the test database at "
              + url
              + " as "
              + user
              + " (is the server running? .ci/run starts it): "
              + e.getMessage(),
          e);
    }
  }
}
