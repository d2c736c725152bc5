package dev.portcullis.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals secrets before they reach the database and opens them again: AES-256-GCM from the JDK, with the
 * owner of the secret (account and factor id) as associated data, so a sealed value copied to another
 * row does not open.
 *
 * <p>The key comes from {@code portcullis.secret-key} (base64 of 32 random bytes, e.g. {@code openssl
 * rand -base64 32}) and is never stored in the database. Without it a development key is generated once
 * in {@code portcullis.dev-key-file} and a warning is logged at every start.
 */
@ApplicationScoped
public class SecretBox {

  private static final Logger LOG = Logger.getLogger(SecretBox.class.getName());
  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "portcullis.secret-key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "portcullis.dev-key-file", defaultValue = "portcullis-dev.key")
  String devKeyFile;

  private SecretKey key;

  /** Loads the key as the application starts, so a wrong key stops the start with a clear message. */
  void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object context) {
    // delivering this event creates the bean, which runs loadKey()
  }

  @PostConstruct
  void loadKey() {
    String encoded = configuredKey.filter(s -> !s.isBlank()).orElse(null);
    if (encoded == null) {
      encoded = developmentKey(Path.of(devKeyFile));
    }
    key = decodeKey(encoded);
  }

  static SecretKey decodeKey(String encoded) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "portcullis.secret-key must be base64 (e.g. the output of 'openssl rand -base64 32'),"
              + " but it is not valid base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          "portcullis.secret-key must decode to 32 bytes (AES-256), but it decodes to "
              + raw.length
              + " bytes; generate one with 'openssl rand -base64 32'");
    }
    return new SecretKeySpec(raw, "AES");
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
   * Seals {@code plaintext} for {@code owner}.
   *
   * @return a printable value of at most 120 characters for 20-byte secrets; never null
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
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Opens a value made by {@link #seal} for the same {@code owner}.
   *
   * @throws IllegalStateException if the value was sealed under another key or for another owner, or
   *     was altered; the message names neither the key nor the secret
   */
  public byte[] open(String sealed, String owner) {
    if (sealed == null || !sealed.startsWith(VERSION)) {
      throw new IllegalStateException("sealed secret has an unknown format");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a sealed secret does not open with the configured portcullis.secret-key"
              + " (wrong key, or the value was altered)");
    }
  }
}
