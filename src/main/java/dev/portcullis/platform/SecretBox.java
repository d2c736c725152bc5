package dev.portcullis.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals secrets before they reach the database and opens them again: AES-256-GCM from the JDK, with
 * the owner of the secret (account and factor id) as associated data, so a sealed value copied to
 * another row does not open.
 *
 * <p>The key comes from {@code portcullis.secret-key} (base64 of 32 random bytes, e.g. {@code
 * openssl rand -base64 32}) and is never stored in the database. Without it a development key is
 * generated once in {@code portcullis.dev-key-file} and a warning is logged at every start.
 *
 * <p>Rotation: new seals always use the current key and name it by a key id (the first 8 hex digits
 * of its SHA-256); keys listed in {@code portcullis.secret-key.previous} still open what they
 * sealed, and {@link ResealSecrets} re-seals everything under the current key.
 */
@ApplicationScoped
public class SecretBox implements StartupCheck {

  private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
  private static final String LEGACY = "v1:";
  private static final String VERSION = "v2:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "portcullis.secret-key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "portcullis.secret-key.previous")
  Optional<List<String>> previousKeys;

  @Inject
  @ConfigProperty(name = "portcullis.dev-key-file", defaultValue = "portcullis-dev.key")
  String devKeyFile;

  private SecretKey key;
  private String keyId;
  private final Map<String, SecretKey> keysById = new LinkedHashMap<>();

  /**
   * Loads the key as the application starts, so a wrong key stops the start with a clear message.
   */
  @Override
  public void check() {
    // reaching the bean created it, which ran loadKey()
  }

  @PostConstruct
  void loadKey() {
    String encoded = configuredKey.filter(s -> !s.isBlank()).orElse(null);
    if (encoded == null) {
      encoded = developmentKey(Path.of(devKeyFile));
    }
    key = decodeKey(encoded, "portcullis.secret-key");
    keyId = idOf(key);
    keysById.put(keyId, key);
    for (String previous : previousKeys.orElse(List.of())) {
      if (!previous.isBlank()) {
        SecretKey old = decodeKey(previous, "portcullis.secret-key.previous");
        keysById.putIfAbsent(idOf(old), old);
      }
    }
  }

  /** The id of the key new seals use. */
  public String currentKeyId() {
    return keyId;
  }

  static SecretKey decodeKey(String encoded, String setting) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          setting
              + " must be base64 (e.g. the output of 'openssl rand -base64 32'),"
              + " but it is not valid base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          setting
              + " must decode to 32 bytes (AES-256), but it decodes to "
              + raw.length
              + " bytes; generate one with 'openssl rand -base64 32'");
    }
    return new SecretKeySpec(raw, "AES");
  }

  private static String idOf(SecretKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
          .substring(0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String developmentKey(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: the file keeps the default permissions
        }
      }
      LOG.warning(
          "*** portcullis.secret-key is not set: TOTP secrets are sealed with a DEVELOPMENT key kept in "
              + file.toAbsolutePath()
              + ". Anyone who can read that file and the database can read every secret. For"
              + " production set the environment variable PORTCULLIS_SECRET_KEY to the output of"
              + " 'openssl rand -base64 32' and keep it out of the database and its backups. ***");
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "portcullis.secret-key is not set and the development key file "
              + file.toAbsolutePath()
              + " cannot be created or read",
          e);
    }
  }

  /**
   * Seals {@code plaintext} for {@code owner} under the current key.
   *
   * @return a printable value of at most 130 characters for 20-byte secrets; never null
   */
  public String seal(byte[] plaintext, String owner) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return VERSION + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Opens a value made by {@link #seal} for the same {@code owner}, under the current key or a
   * previous one.
   *
   * @throws IllegalStateException if no configured key sealed it, it was sealed for another owner,
   *     or it was altered; the message names neither the key nor the secret
   */
  public byte[] open(String sealed, String owner) {
    if (sealed != null && sealed.startsWith(VERSION) && sealed.indexOf(':', VERSION.length()) > 0) {
      int colon = sealed.indexOf(':', VERSION.length());
      SecretKey sealedWith = keysById.get(sealed.substring(VERSION.length(), colon));
      if (sealedWith == null) {
        throw new IllegalStateException(
            "a secret was sealed with key id "
                + sealed.substring(VERSION.length(), colon)
                + ", which is neither portcullis.secret-key nor listed in portcullis.secret-key.previous");
      }
      return open(sealedWith, sealed.substring(colon + 1), owner);
    }
    if (sealed != null && sealed.startsWith(LEGACY)) {
      // sealed before key ids existed: try every configured key
      for (SecretKey candidate : keysById.values()) {
        try {
          return open(candidate, sealed.substring(LEGACY.length()), owner);
        } catch (IllegalStateException notThisKey) {
          // next key
        }
      }
    }
    throw new IllegalStateException(
        "a sealed secret does not open with the configured portcullis.secret-key"
            + " (wrong key, or the value was altered)");
  }

  /**
   * Returns {@code sealed} sealed again under the current key, for the same owner; the plaintext is
   * wiped from memory before returning.
   */
  public String reseal(String sealed, String owner) {
    byte[] plaintext = open(sealed, owner);
    try {
      return seal(plaintext, owner);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Returns whether {@code sealed} is under another key than the current one (so re-sealing helps).
   */
  public boolean sealedWithOtherKey(String sealed) {
    return sealed != null && !sealed.startsWith(VERSION + keyId + ":");
  }

  private static byte[] open(SecretKey with, String base64, String owner) {
    try {
      byte[] in = Base64.getDecoder().decode(base64);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a sealed secret does not open with the configured portcullis.secret-key"
              + " (wrong key, or the value was altered)");
    }
  }
}
