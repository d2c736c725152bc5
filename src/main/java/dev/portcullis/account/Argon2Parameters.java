package dev.portcullis.account;

/**
 * The cost of an Argon2id hash: memory in KiB, passes over it, and lanes.
 *
 * @param memoryKib m, at least 8 × {@code parallelism}
 * @param iterations t, at least 1
 * @param parallelism p, at least 1
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

  /** OWASP's first recommendation (2025): 19 MiB, 2 passes, 1 lane. */
  public static final Argon2Parameters OWASP = new Argon2Parameters(19_456, 2, 1);

  public Argon2Parameters {
    if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
      throw new IllegalArgumentException(
          "Argon2 needs at least 1 lane, 1 pass and 8 KiB per lane: m="
              + memoryKib
              + ", t="
              + iterations
              + ", p="
              + parallelism);
    }
  }

  /** Returns whether a hash made with these parameters costs at least what {@code other} does. */
  public boolean atLeast(Argon2Parameters other) {
    return memoryKib >= other.memoryKib
        && iterations >= other.iterations
        && parallelism >= other.parallelism;
  }
}
