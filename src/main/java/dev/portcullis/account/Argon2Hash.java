package dev.portcullis.account;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored Argon2id password hash in the PHC string format that libargon2, Keycloak, Spring
 * Security and PHP write too: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>}, salt and tag in
 * Base64 without padding.
 */
record Argon2Hash(Argon2Parameters parameters, byte[] salt, byte[] tag) {

  static final String PREFIX = "$argon2id$";

  /**
   * The most that {@link PasswordHashing} settings allow, and so the most a stored hash may ask.
   */
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

  static final int MAX_ITERATIONS = 100;
  static final int MAX_LANES = 16;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=([0-9]{1,9}),t=([0-9]{1,6}),p=([0-9]{1,3})"
              + "\\$([A-Za-z0-9+/]{11,128})\\$([A-Za-z0-9+/]{16,512})");

  /** Reads a PHC string; empty when it is not a version-19 Argon2id hash with sane figures. */
  static Optional<Argon2Hash> parse(String encoded) {
    Matcher phc = PHC.matcher(encoded);
    if (!phc.matches()) {
      return Optional.empty();
    }
    try {
      Argon2Parameters parameters =
          new Argon2Parameters(
              Integer.parseInt(phc.group(1)),
              Integer.parseInt(phc.group(2)),
              Integer.parseInt(phc.group(3)));
      if (parameters.memoryKib() > MAX_MEMORY_KIB
          || parameters.iterations() > MAX_ITERATIONS
          || parameters.parallelism() > MAX_LANES) {
        // more than PasswordHashing ever writes: a stored value must not make a login take minutes
        return Optional.empty();
      }
      return Optional.of(
          new Argon2Hash(
              parameters,
              Base64.getDecoder().decode(phc.group(4)),
              Base64.getDecoder().decode(phc.group(5))));
    } catch (IllegalArgumentException e) {
      // parameters out of range, or Base64 whose length cannot be: not a hash this code wrote
      return Optional.empty();
    }
  }

  String encoded() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "v=19$m="
        + parameters.memoryKib()
        + ",t="
        + parameters.iterations()
        + ",p="
        + parameters.parallelism()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(tag);
  }
}
