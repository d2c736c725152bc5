package dev.portcullis.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date before the application serves its first request.
 *
 * <p>The schema belongs to the Flyway scripts in {@code db/migration}; EclipseLink's DDL generation is
 * off. The same scripts run on H2, PostgreSQL and MariaDB. When several nodes start together Flyway's
 * lock on its history table lets exactly one of them migrate.
 */
@ApplicationScoped
public class DatabaseMigrations {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

  /**
   * Where the scripts are. Liberty's class loader finds a classpath folder only through a file in it,
   * hence the empty {@code flyway.location} beside the scripts.
   */
  static final String MIGRATIONS = "classpath:db/migration";

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  /** Observer priority of the migrations; start-up work that needs the schema observes later. */
  public static final int AT_STARTUP = 1000;

  void migrateAtStartup(@Observes @Priority(AT_STARTUP) @Initialized(ApplicationScoped.class) Object context) {
    MigrateResult result =
        Flyway.configure(DatabaseMigrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            // our migrations have no callbacks; don't look for the default db/callback folder
            .callbackLocations(MIGRATIONS)
            // a schema that cannot be found must stop the start, never leave an empty database
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : result.initialSchemaVersion)
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }
}
