package dev.portcullis.ticket;

import dev.portcullis.platform.DatabaseMigrations;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@link #EVERY_SECONDS} seconds, on every node: mails the second notice of approved recovery
 * requests half-way through their delay, and carries out those whose time has come. The conditional
 * UPDATEs of {@link RecoveryTickets} make sure one node does each.
 */
@ApplicationScoped
public class RecoveryRounds {

  private static final Logger LOG = Logger.getLogger(RecoveryRounds.class.getName());

  static final long EVERY_SECONDS = 30;

  @Inject RecoveryRequests requests;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> rounds;

  void start(
      @Observes @Priority(DatabaseMigrations.AT_STARTUP + 110) @Initialized(ApplicationScoped.class)
          Object context) {
    rounds =
        scheduler.scheduleWithFixedDelay(
            this::round, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** One round; also called by the tests after they moved the clock. */
  public void round() {
    try {
      requests.remindersDue().forEach(requests::remind);
      requests.due().forEach(requests::complete);
    } catch (RuntimeException e) {
      // the database is away (it has its own health check); the next round tries again
      LOG.log(Level.FINE, "Recovery request round failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (rounds != null) {
      rounds.cancel(false);
    }
  }
}
