package dev.portcullis.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * After a key rotation, rewrites every sealed secret under the current {@code
 * portcullis.secret-key}, so the previous keys can be dropped. Runs at start-up when {@code
 * portcullis.secret-key.reseal-on-start} is true (the documented command: start once with {@code
 * PORTCULLIS_SECRET_KEY_RESEAL_ON_START=true}), after the migrations.
 */
@ApplicationScoped
public class ResealSecrets {

  private static final Logger LOG = Logger.getLogger(ResealSecrets.class.getName());

  @Inject Instance<SealedSecretStore> stores;
  @Inject SecretBox secretBox;

  @Inject
  @ConfigProperty(name = "portcullis.secret-key.reseal-on-start", defaultValue = "false")
  boolean resealOnStart;

  void atStartup(
      @Observes @Priority(DatabaseMigrations.AT_STARTUP + 10) @Initialized(ApplicationScoped.class)
          Object context) {
    if (resealOnStart) {
      int count = resealAll(secretBox);
      LOG.warning(
          () ->
              "Re-sealed "
                  + count
                  + " secret(s) under the current portcullis.secret-key (key id "
                  + secretBox.currentKeyId()
                  + "). Remove portcullis.secret-key.previous and"
                  + " portcullis.secret-key.reseal-on-start once every node runs with the new key.");
    }
  }

  /** Re-seals every stored secret not under {@code box}'s current key; returns how many. */
  public int resealAll(SecretBox box) {
    return stores.stream().mapToInt(store -> store.resealAll(box)).sum();
  }
}
