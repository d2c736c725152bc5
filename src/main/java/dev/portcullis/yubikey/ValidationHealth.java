package dev.portcullis.yubikey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the YubiKey validation service in {@code /health/ready}: always UP (logins still work
 * with the other methods, so a misconfigured or unreachable service must never take the portal out
 * of a load balancer), with {@code status=degraded} and what to fix while an operator alarm stands.
 */
@Readiness
@ApplicationScoped
public class ValidationHealth implements HealthCheck {

  @Inject CloudValidation cloud;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("yubikey-validation").up();
    return cloud
        .alarm()
        .map(alarm -> response.withData("status", "degraded").withData("fix", alarm))
        .orElseGet(() -> response.withData("status", "ok"))
        .build();
  }
}
