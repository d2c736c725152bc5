package dev.portcullis.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The application's database for plain JUnit tests: a fresh in-memory H2 migrated by the
 * application's Flyway scripts, and the application's persistence unit on it with EclipseLink
 * outside the server (resource-local transactions instead of the container's).
 */
public record JpaOnH2(JdbcDataSource dataSource, EntityManagerFactory entityManagers)
    implements AutoCloseable {

  /** A fresh database, unmigrated. */
  public static JdbcDataSource freshDatabase(String name) {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return db;
  }

  /** A fresh database at the latest migration, with the persistence unit on it. */
  public static JpaOnH2 migrated(String name) {
    JdbcDataSource db = freshDatabase(name);
    DatabaseMigrations.flyway(db, "h2").load().migrate();
    return new JpaOnH2(
        db,
        Persistence.createEntityManagerFactory(
            "portcullis",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", db,
                "eclipselink.logging.level", "WARNING")));
  }

  /**
   * A new account row (a random id, {@code <id>@example.com}) for tests of tables that need one.
   */
  public String newAccount() {
    String id = java.util.UUID.randomUUID().toString();
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO account (id, email, display_name, password_hash, created_at)"
                    + " VALUES (?, ?, 'Test', 'x', CURRENT_TIMESTAMP)")) {
      s.setString(1, id);
      s.setString(2, id + "@example.com");
      s.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  /**
   * Runs {@code call} with an entity manager of its own in a transaction of its own, committed when
   * it returns and rolled back when it throws, as the container runs a {@code @Transactional}
   * method.
   */
  public <T> T inTransaction(java.util.function.Function<EntityManager, T> call) {
    EntityManager em = entityManagers.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = call.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  @Override
  public void close() {
    entityManagers.close();
  }
}
