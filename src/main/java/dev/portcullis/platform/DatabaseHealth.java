package dev.portcullis.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: DOWN while the database cannot be reached or the schema migrations have
 * not run, so a load balancer sends no customer to a node that could not check their code.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  private static final int VALID_WITHIN_SECONDS = 2;

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  @Inject DatabaseMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    String version = migrations.schemaVersion();
    if (version == null) {
      return response.down().withData("migrations", "not applied").build();
    }
    response.withData("schemaVersion", version);
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(VALID_WITHIN_SECONDS)
          ? response.up().build()
          : response.down().withData("connection", "not valid").build();
    } catch (SQLException e) {
      // the driver's message names host and cause, never a password
      return response.down().withData("connection", String.valueOf(e.getMessage())).build();
    }
  }
}
