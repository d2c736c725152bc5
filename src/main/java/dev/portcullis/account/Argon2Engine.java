package dev.portcullis.account;

import java.util.logging.Logger;

/**
 * One implementation of Argon2id (RFC 9106, version 0x13): the reference C library through its JNA
 * binding where it loads, Bouncy Castle's pure-Java one elsewhere. Both give the same bytes; the
 * choice is made once, by {@link #fastest()}.
 */
interface Argon2Engine {

  /**
   * Returns the Argon2id tag of {@code password}.
   *
   * @param secret the optional key K of RFC 9106 (empty for password hashes)
   * @param associatedData the optional data X of RFC 9106 (empty for password hashes)
   */
  byte[] argon2id(
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      Argon2Parameters parameters,
      int tagLength);

  /** A name for the start-up log and the benchmark. */
  String name();

  /**
   * The reference C library if it loads on this platform and gives RFC 9106's answer, else Bouncy
   * Castle's Java implementation (slower: a WARNING says so).
   */
  static Argon2Engine fastest() {
    Logger log = Logger.getLogger(Argon2Engine.class.getName());
    try {
      Argon2Engine reference = new NativeArgon2();
      if (Rfc9106.answersCorrectly(reference)) {
        return reference;
      }
      log.warning(
          "The Argon2 C library gave a wrong answer to RFC 9106's test vector; using Bouncy"
              + " Castle's Java implementation, which is slower.");
    } catch (LinkageError | RuntimeException e) {
      log.warning(
          "The Argon2 C library does not load on this platform ("
              + e
              + "); using Bouncy Castle's Java implementation, which is slower.");
    }
    return new JavaArgon2();
  }
}
