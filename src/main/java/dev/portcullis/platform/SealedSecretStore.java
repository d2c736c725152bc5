package dev.portcullis.platform;

/**
 * A feature that keeps secrets sealed by {@link SecretBox} in its tables (TOTP seeds, YubiKey AES
 * keys and private ids). {@link ResealSecrets} asks each to re-seal what is not under the current
 * key.
 */
public interface SealedSecretStore {

  /**
   * Re-seals, under {@code box}'s current key, every stored secret that {@code box} says was sealed
   * with another key.
   *
   * @return how many sealed values were rewritten
   */
  int resealAll(SecretBox box);
}
