package dev.portcullis.factor;

import java.time.Instant;

/**
 * One active second factor of an account, as the settings page and the admin console list it; holds
 * no secret.
 *
 * @param method the {@link SecondFactorMethod#name() name} of its method, e.g. "TOTP"
 * @param id the factor's id
 * @param name the name its owner gave it, or empty when the method names none
 * @param publicId what identifies it to its owner besides the name (a YubiKey's public id), or
 *     empty
 * @param addedAt when it became usable
 * @param lastUsedAt when a code of it was last accepted, or null
 * @param removable whether it can be removed on its own (else only by turning 2FA off)
 */
public record FactorSummary(
    String method,
    String id,
    String name,
    String publicId,
    Instant addedAt,
    Instant lastUsedAt,
    boolean removable) {}
