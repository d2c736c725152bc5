package dev.portcullis.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date before the application serves its first request.
 *
 * <p>The schema belongs to the Flyway scripts in {@code db/migration}, which run unchanged on H2,
 * PostgreSQL and MariaDB; {@code db/vendor/<kind>} holds the few a database needs for itself
 * (numbered between the common ones, e.g. 6.1). A column of UTC instants is declared {@code
 * ${timestamp}}: TIMESTAMP, or DATETIME(6) on MariaDB, whose TIMESTAMP keeps whole seconds and ends
 * in 2038; a long text is {@code ${text}}: VARCHAR(65535), or MEDIUMTEXT on MariaDB. EclipseLink's
 * DDL generation is off. When several nodes start together Flyway's lock on its history table lets
 * exactly one of them migrate.
 */
@ApplicationScoped
public class DatabaseMigrations implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

  /**
   * Where the scripts are. Liberty's class loader finds a classpath folder only through a file in
   * it, hence the empty {@code flyway.location} beside the scripts.
   */
  static final String MIGRATIONS = "classpath:db/migration";

  static final String VENDOR_MIGRATIONS = "classpath:db/vendor/";

  @Resource(lookup = "jdbc/portcullis")
  DataSource dataSource;

  private volatile String schemaVersion;

  /** Observer priority of the migrations; start-up work that needs the schema observes later. */
  public static final int AT_STARTUP = 1000;

  void migrateAtStartup(
      @Observes @Priority(AT_STARTUP) @Initialized(ApplicationScoped.class) Object context) {
    String vendor = vendor();
    Logger databaseWarnings = Logger.getLogger(FLYWAY_DATABASE_WARNINGS);
    Filter before = databaseWarnings.getFilter();
    if ("mariadb".equals(vendor)) {
      databaseWarnings.setFilter(MARIADB_PRIMARY_KEY_NAMES);
    }
    MigrateResult result;
    try {
      result = migrate(vendor);
    } finally {
      databaseWarnings.setFilter(before);
    }
    schemaVersion =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    LOG.info(
        () ->
            "Database ("
                + vendor
                + ") schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }

  /** Where Flyway logs the warnings the database gives while a migration runs. */
  static final String FLYWAY_DATABASE_WARNINGS =
      "org.flywaydb.core.internal.proprietaryStubs.ErrorOverridesSupportStub";

  /**
   * MariaDB ignores the names the shared migrations give primary keys ({@code CONSTRAINT pk_account
   * PRIMARY KEY}, which H2 and PostgreSQL keep) and says so with warning 1280 for each table:
   * expected, so not logged. Any other warning of the database is.
   */
  static final Filter MARIADB_PRIMARY_KEY_NAMES =
      record -> {
        String message = String.valueOf(record.getMessage());
        return !(message.contains("Error Code: 1280")
            && message.contains("ignored for PRIMARY key"));
      };

  /** The migrations of {@code vendor}'s database, as the start-up runs them (and the tests). */
  public static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
      DataSource dataSource, String vendor) {
    return Flyway.configure(DatabaseMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(MIGRATIONS, VENDOR_MIGRATIONS + vendor)
        .placeholders(
            Map.of(
                "timestamp", "mariadb".equals(vendor) ? "DATETIME(6)" : "TIMESTAMP",
                "text", "mariadb".equals(vendor) ? "MEDIUMTEXT" : "VARCHAR(65535)"))
        // our migrations have no callbacks; don't look for the default db/callback folder
        .callbackLocations(MIGRATIONS)
        // a schema that cannot be found must stop the start, never leave an empty database
        .failOnMissingLocations(true);
  }

  private MigrateResult migrate(String vendor) {
    return flyway(dataSource, vendor)
        // a database that holds only Liberty's session table is still a new one (see below)
        .baselineOnMigrate(onlySessionTable())
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /** The database must be reachable and of a supported kind. */
  @Override
  public void check() {
    vendor();
  }

  /**
   * The schema version reached at start-up, or null before the migrations ran (or if they failed).
   */
  public String schemaVersion() {
    return schemaVersion;
  }

  /**
   * Whether the portal's schema holds no table but Liberty's session table ({@code sessions}, see
   * liberty/config/sessions/database.xml), which Liberty may create before the first migration
   * runs. Only then does Flyway start its history at version 0 in a schema that is not empty; a
   * schema with any other table and no history still stops the start (it is not Portcullis'
   * database).
   */
  private boolean onlySessionTable() {
    try (Connection connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          connection
              .getMetaData()
              .getTables(
                  connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (r.next()) {
          tables.add(r.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
      return tables.equals(List.of(SESSION_TABLE));
    } catch (SQLException e) {
      return false;
    }
  }

  /** Liberty's session table, when sessions are kept in the database. */
  static final String SESSION_TABLE = "sessions";

  /** Which of the supported databases the data source reaches; anything else stops the start. */
  private String vendor() {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot reach the database of data source jdbc/portcullis (settings portcullis.db.kind, "
              + "portcullis.db.url, portcullis.db.user, portcullis.db.password): "
              + e.getMessage(),
          e);
    }
    return switch (product.toLowerCase(Locale.ROOT)) {
      case "h2" -> "h2";
      case "postgresql" -> "postgresql";
      case "mariadb" -> "mariadb";
      default ->
          throw new IllegalStateException(
              "portcullis.db.kind: the data source reaches a "
                  + product
                  + " database; Portcullis supports H2, PostgreSQL and MariaDB");
    };
  }
}
