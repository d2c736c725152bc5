package dev.portcullis.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Makes a counter's row unless it exists, past JPA and outside any transaction (the caller's method
 * is {@code NOT_SUPPORTED}): when the first attempts of one key race, on one node or several, one
 * insert wins and the others' duplicate key is expected, not an error (through JPA it would be
 * logged as one). The conditional UPDATEs that follow count on that row.
 */
public final class FirstRow {

  private FirstRow() {}

  /**
   * Runs {@code insert} with {@code parameters}; a violated constraint means the row is there.
   *
   * @param what what the row is for, in the message of any other failure
   */
  public static void insertUnlessThere(
      DataSource dataSource, String what, String insert, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(insert)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      // SQLSTATE class 23 (integrity constraint violation) on every supported database
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
      }
    }
  }
}
