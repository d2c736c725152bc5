package dev.portcullis.account;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * The reference C implementation of Argon2 (with its SIMD code on x86-64) through argon2-jvm, which
 * carries the library for the usual platforms and loads it with JNA.
 */
final class NativeArgon2 implements Argon2Engine {

  private final Argon2Advanced argon2 =
      Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);

  @Override
  public byte[] argon2id(
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      Argon2Parameters parameters,
      int tagLength) {
    return argon2.rawHashAdvanced(
        parameters.iterations(),
        parameters.memoryKib(),
        parameters.parallelism(),
        password,
        salt,
        secret.length == 0 ? null : secret,
        associatedData.length == 0 ? null : associatedData,
        tagLength,
        Argon2Version.V13);
  }

  @Override
  public String name() {
    return "the Argon2 reference C library (argon2-jvm)";
  }
}
