package dev.portcullis.factor;

import dev.portcullis.audit.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;

/**
 * The account's second factors, whatever their methods: whether Two-Factor Authentication is on,
 * what to list, removing one, and turning 2FA off. Pages, the login and the administrators' actions
 * ask this, never a method's own store, so a new method shows up everywhere by implementing {@link
 * SecondFactorMethod}. Callers must have re-authenticated the user before a removal.
 */
@ApplicationScoped
public class SecondFactors {

  @Inject Instance<SecondFactorMethod> methods;
  @Inject Event<SecurityEvent> events;

  /** Returns whether the account has at least one active second factor. */
  public boolean enabled(String accountId) {
    return methods.stream().anyMatch(m -> m.activeFor(accountId));
  }

  /** The account's active factors, oldest first. */
  public List<FactorSummary> of(String accountId) {
    return methods.stream()
        .flatMap(m -> m.factorsOf(accountId).stream())
        .sorted(Comparator.comparing(FactorSummary::addedAt).thenComparing(FactorSummary::id))
        .toList();
  }

  /** What {@link #remove} did. */
  public enum Removal {
    /** The account has no such factor that can be removed on its own; nothing changed. */
    NOT_FOUND,
    /** The factor is gone; other factors keep 2FA on. */
    REMOVED,
    /** The factor is gone and was the last one: 2FA is off and the recovery codes are gone too. */
    REMOVED_LAST
  }

  /**
   * Removes one factor of the account; when it was the last, turns 2FA off as {@link #removeAll}
   * does (recovery codes without a factor would be a second factor on their own).
   */
  @Transactional
  public Removal remove(String accountId, String factorId) {
    boolean removed =
        factorId != null && methods.stream().anyMatch(m -> m.remove(accountId, factorId));
    if (!removed) {
      return Removal.NOT_FOUND;
    }
    if (enabled(accountId)) {
      return Removal.REMOVED;
    }
    removeAll(accountId);
    return Removal.REMOVED_LAST;
  }

  /** Turns two-factor authentication off: deletes every factor and recovery code of the account. */
  @Transactional
  public void removeAll(String accountId) {
    methods.forEach(m -> m.removeAll(accountId));
    events.fire(SecurityEvent.of(accountId, SecurityEvent.Type.TWO_FACTOR_TURNED_OFF));
  }
}
