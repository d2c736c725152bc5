package dev.portcullis.security;

import dev.portcullis.factor.VerifySecondFactor.Outcome;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The outcome of the second-factor check made during this request, if one was made. */
@RequestScoped
public class LastOutcome {

  private Outcome outcome;

  void set(Outcome outcome) {
    this.outcome = outcome;
  }

  public Optional<Outcome> get() {
    return Optional.ofNullable(outcome);
  }
}
