package dev.portcullis.account;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;

/** Bouncy Castle's pure-Java Argon2: the fallback where the C library does not load. */
final class JavaArgon2 implements Argon2Engine {

  @Override
  public byte[] argon2id(
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      Argon2Parameters parameters,
      int tagLength) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(parameters.memoryKib())
            .withIterations(parameters.iterations())
            .withParallelism(parameters.parallelism())
            .withSalt(salt)
            .withSecret(secret)
            .withAdditional(associatedData)
            .build());
    byte[] tag = new byte[tagLength];
    generator.generateBytes(password, tag);
    return tag;
  }

  @Override
  public String name() {
    return "Bouncy Castle's Java Argon2";
  }
}
