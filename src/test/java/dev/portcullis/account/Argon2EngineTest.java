package dev.portcullis.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Both Argon2id implementations against RFC 9106 and against each other. */
class Argon2EngineTest {

  private final Argon2Engine reference = new NativeArgon2();
  private final Argon2Engine java = new JavaArgon2();

  @Test
  void theReferenceLibraryGivesRfc9106sArgon2idTag() {
    assertArrayEquals(Rfc9106.ARGON2ID_TAG, rfcTag(reference));
  }

  @Test
  void bouncyCastleGivesRfc9106sArgon2idTag() {
    assertArrayEquals(Rfc9106.ARGON2ID_TAG, rfcTag(java));
  }

  @Test
  void onThisPlatformTheFastestIsTheReferenceLibrary() {
    // linux-x86-64 is among the platforms argon2-jvm carries the library for
    assertInstanceOf(NativeArgon2.class, Argon2Engine.fastest());
  }

  @Test
  void bothAgreeAtThePasswordParameters() {
    byte[] password = "correct horse battery staple ✓".getBytes(StandardCharsets.UTF_8);
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    for (Argon2Parameters p :
        new Argon2Parameters[] {Argon2Parameters.OWASP, new Argon2Parameters(19_456, 3, 2)}) {
      assertArrayEquals(
          reference.argon2id(password, salt, new byte[0], new byte[0], p, 32),
          java.argon2id(password, salt, new byte[0], new byte[0], p, 32),
          p.toString());
    }
  }

  @Test
  void aPhcStringTheReferenceLibraryEncodedReadsBackAsTheSameHash() {
    String encoded =
        Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id).hash(2, 19_456, 1, "pässword");
    Argon2Hash hash = Argon2Hash.parse(encoded).orElseThrow();
    assertEquals(Argon2Parameters.OWASP, hash.parameters());
    assertEquals(encoded, hash.encoded());
    assertArrayEquals(
        hash.tag(),
        java.argon2id(
            "pässword".getBytes(StandardCharsets.UTF_8),
            hash.salt(),
            new byte[0],
            new byte[0],
            hash.parameters(),
            hash.tag().length));
    assertTrue(encoded.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    assertEquals(16, Base64.getDecoder().decode(encoded.split("\\$")[4]).length);
  }

  private static byte[] rfcTag(Argon2Engine engine) {
    return engine.argon2id(
        Rfc9106.PASSWORD,
        Rfc9106.SALT,
        Rfc9106.SECRET,
        Rfc9106.ASSOCIATED_DATA,
        Rfc9106.PARAMETERS,
        32);
  }
}
