package dev.portcullis.webauthn;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.data.exception.Base64UrlException;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.InvalidSignatureCountException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.portcullis.audit.SecurityEvent;
import dev.portcullis.factor.FactorSummary;
import dev.portcullis.factor.SecondFactor;
import dev.portcullis.factor.SecondFactorMethod;
import dev.portcullis.factor.TypedCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Security keys and passkeys (WebAuthn) as a {@link SecondFactorMethod}, with the two ceremonies:
 * registering a credential for an account, and answering a sign-in challenge with one. The
 * challenges live in the browser session ({@link Ceremonies}), are used once and expire after
 * {@link #CHALLENGE_LIFETIME}; every check of an answer (signature, challenge, origin, relying
 * party, user presence, counter) is Yubico's webauthn-server-core.
 *
 * <p>A credential's signature counter is advanced by one conditional UPDATE that must touch one
 * row; a counter that does not go forward (where the authenticator keeps one) marks the credential
 * possibly cloned: it is refused from then on, and the owner and the audit trail are told.
 */
@ApplicationScoped
public class WebAuthnFactors implements SecondFactorMethod, CredentialRepository {

  private static final Logger LOG = Logger.getLogger(WebAuthnFactors.class.getName());

  public static final String NAME = "Security key";

  /** How long a challenge can be answered. */
  static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);

  public static final String NOT_ANSWERED =
      "Your security key did not answer. Touch it when your browser asks, or use another method.";

  public static final String CLONED =
      "This security key can no longer be used: its signature counter went backwards, which can mean"
          + " it was copied. Use another method, remove it in Security Settings and add it again.";

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "portcullis")
  EntityManager em;

  @Inject RelyingParties relyingParties;
  @Inject Ceremonies ceremonies;
  @Inject WebAuthnCounters counters;
  @Inject Clock clock;
  @Inject Event<SecurityEvent> events;

  @Override
  public String name() {
    return NAME;
  }

  /** No typed code is a security key's answer. */
  @Override
  public boolean recognizes(TypedCode code) {
    return false;
  }

  @Override
  public Check verifyAndConsume(String accountId, TypedCode code) {
    return Check.failed();
  }

  public List<WebAuthnFactor> of(String accountId) {
    return em.createNamedQuery(WebAuthnFactor.OF_ACCOUNT, WebAuthnFactor.class)
        .setParameter("accountId", accountId)
        .getResultList();
  }

  @Override
  public boolean activeFor(String accountId) {
    return !of(accountId).isEmpty();
  }

  @Override
  public List<FactorSummary> factorsOf(String accountId) {
    return of(accountId).stream().map(WebAuthnFactor::summary).toList();
  }

  // --- registration ---

  /**
   * Starts adding a security key or passkey to the account: returns the options for the browser's
   * {@code navigator.credentials.create} (JSON), and keeps their challenge in the session.
   */
  @Transactional
  public String startRegistration(String accountId, String email, RelyingParties.Site site) {
    ByteArray handle = userHandleOf(accountId, true).orElseThrow();
    PublicKeyCredentialCreationOptions options =
        relyingParties
            .forSite(site, this)
            .startRegistration(
                StartRegistrationOptions.builder()
                    .user(UserIdentity.builder().name(email).displayName(email).id(handle).build())
                    .authenticatorSelection(
                        AuthenticatorSelectionCriteria.builder()
                            .residentKey(ResidentKeyRequirement.PREFERRED)
                            .userVerification(UserVerificationRequirement.PREFERRED)
                            .build())
                    .timeout(CHALLENGE_LIFETIME.toMillis())
                    .build());
    try {
      ceremonies.registration(
          new Ceremonies.Pending(
              accountId, options.toJson(), clock.instant().plus(CHALLENGE_LIFETIME)));
      return options.toCredentialsCreateJson();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write WebAuthn options", e);
    }
  }

  /**
   * Checks the browser's answer to the account's registration challenge (used up either way) and,
   * when it holds, stores the new credential; returns what came of it, for {@code AddSecondFactor},
   * which counts a failure and turns 2FA on with the first factor.
   */
  @Transactional
  public Check finishRegistration(String accountId, String name, Answer answer) {
    Optional<Ceremonies.Pending> pending = ceremonies.takeRegistration(accountId, clock.instant());
    if (pending.isEmpty() || !answer.readable()) {
      return new Check.Unreadable(NOT_ANSWERED);
    }
    RelyingParties.Site site = RelyingParties.Site.of(answer);
    RegistrationResult result;
    try {
      result =
          relyingParties
              .forSite(site, this)
              .finishRegistration(
                  FinishRegistrationOptions.builder()
                      .request(
                          PublicKeyCredentialCreationOptions.fromJson(pending.get().requestJson()))
                      .response(PublicKeyCredential.parseRegistrationResponseJson(answer.body()))
                      .build());
    } catch (RegistrationFailedException e) {
      LOG.info(() -> "Security key for account " + accountId + " refused: " + e.getMessage());
      return Check.failed();
    } catch (IOException | RuntimeException e) {
      LOG.info(() -> "Unreadable security key answer for account " + accountId);
      return Check.failed();
    }
    return store(accountId, name, result);
  }

  private Check store(String accountId, String name, RegistrationResult result) {
    String credentialId = result.getKeyId().getId().getBase64Url();
    if (byCredential(credentialId).isPresent()) {
      return new Check.Unreadable("This security key is already registered.");
    }
    Instant now = clock.instant();
    WebAuthnFactor factor =
        new WebAuthnFactor(
            UUID.randomUUID().toString(),
            accountId,
            credentialId,
            hash(credentialId),
            name,
            result.getPublicKeyCose().getBase64Url(),
            result.getSignatureCount(),
            result.isDiscoverable().orElse(false),
            result.isBackupEligible(),
            result.isBackedUp(),
            now);
    em.persist(factor);
    em.flush();
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.FACTOR_ADDED, factor.kind() + " \"" + name + "\""));
    return Check.passed(new Verified(NAME, 0, -1));
  }

  // --- sign-in ---

  /**
   * Starts a sign-in with a security key: returns the options for {@code navigator.credentials.get}
   * (JSON) naming the account's credentials, and keeps their challenge in the session; empty when
   * the account has none.
   */
  public Optional<String> startAssertion(String accountId, RelyingParties.Site site) {
    if (!activeFor(accountId)) {
      return Optional.empty();
    }
    AssertionRequest request =
        relyingParties
            .forSite(site, this)
            .startAssertion(
                StartAssertionOptions.builder()
                    .username(accountId)
                    .userVerification(UserVerificationRequirement.DISCOURAGED)
                    .timeout(CHALLENGE_LIFETIME.toMillis())
                    .build());
    try {
      ceremonies.assertion(
          new Ceremonies.Pending(
              accountId, request.toJson(), clock.instant().plus(CHALLENGE_LIFETIME)));
      return Optional.of(request.toCredentialsGetJson());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write WebAuthn options", e);
    }
  }

  @Override
  public boolean takesAnswers() {
    return true;
  }

  /**
   * Checks the browser's answer to the account's sign-in challenge and uses it up: the challenge is
   * gone, and the credential's counter moves forward.
   */
  @Override
  @Transactional
  public Check verifyAnswer(String accountId, Answer answer) {
    Optional<Ceremonies.Pending> pending = ceremonies.takeAssertion(accountId, clock.instant());
    if (pending.isEmpty()) {
      return new Check.Unreadable(NOT_ANSWERED);
    }
    RelyingParties.Site site = RelyingParties.Site.of(answer);
    AssertionResult result;
    try {
      result =
          relyingParties
              .forSite(site, this)
              .finishAssertion(
                  FinishAssertionOptions.builder()
                      .request(AssertionRequest.fromJson(pending.get().requestJson()))
                      .response(PublicKeyCredential.parseAssertionResponseJson(answer.body()))
                      .build());
    } catch (InvalidSignatureCountException e) {
      return cloned(accountId, e.getCredentialId().getBase64Url());
    } catch (AssertionFailedException e) {
      LOG.info(
          () -> "Security key answer refused for account " + accountId + ": " + e.getMessage());
      return Check.failed();
    } catch (IOException | RuntimeException e) {
      LOG.info(() -> "Unreadable security key answer for account " + accountId);
      return Check.failed();
    }
    if (!result.isSuccess()) {
      return Check.failed();
    }
    String credentialId = result.getCredential().getCredentialId().getBase64Url();
    Optional<WebAuthnFactor> factor =
        byCredential(credentialId).filter(f -> f.belongsTo(accountId));
    if (factor.isEmpty()) {
      return Check.failed();
    }
    if (factor.get().possiblyCloned()) {
      return new Check.Unreadable(CLONED);
    }
    boolean won = counters.advance(factor.get().id(), result.getSignatureCount(), clock.instant());
    if (!won) {
      return cloned(accountId, credentialId);
    }
    return Check.passed(new Verified(NAME, 0, -1));
  }

  private Check cloned(String accountId, String credentialId) {
    Optional<WebAuthnFactor> factor =
        byCredential(credentialId).filter(f -> f.belongsTo(accountId));
    factor.ifPresent(f -> counters.markCloned(f.id(), clock.instant()));
    String label = factor.map(f -> "\"" + f.name() + "\"").orElse("");
    events.fire(
        new SecurityEvent(
            accountId, SecurityEvent.Type.SECURITY_KEY_POSSIBLY_CLONED, "Security key " + label));
    LOG.warning(
        () ->
            "Security event: the signature counter of security key "
                + label
                + " (account "
                + accountId
                + ") did not go forward; the key is refused from now on");
    return new Check.Unreadable(CLONED);
  }

  // --- removal ---

  @Override
  @Transactional
  public boolean remove(String accountId, String factorId) {
    Optional<WebAuthnFactor> factor =
        of(accountId).stream().filter(f -> f.id().equals(factorId)).findFirst();
    boolean removed =
        factor.isPresent() && SecondFactor.removeOne(em, WebAuthnFactor.class, accountId, factorId);
    if (removed) {
      events.fire(
          new SecurityEvent(
              accountId,
              SecurityEvent.Type.FACTOR_REMOVED,
              factor.get().kind() + " \"" + factor.get().name() + "\""));
    }
    return removed;
  }

  @Override
  @Transactional
  public void removeAll(String accountId) {
    SecondFactor.removeAll(em, WebAuthnFactor.class, accountId);
  }

  // --- what the library asks (the "username" is the account id) ---

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String accountId) {
    return of(accountId).stream()
        .map(f -> PublicKeyCredentialDescriptor.builder().id(bytes(f.credentialId())).build())
        .collect(Collectors.toSet());
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String accountId) {
    return userHandleOf(accountId, false);
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return em.createNamedQuery(WebAuthnUser.BY_HANDLE, WebAuthnUser.class)
        .setParameter("userHandle", userHandle.getBase64Url())
        .getResultStream()
        .findFirst()
        .map(WebAuthnUser::accountId);
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return lookupAll(credentialId).stream()
        .filter(c -> c.getUserHandle().equals(userHandle))
        .findFirst();
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return byCredential(credentialId.getBase64Url()).stream()
        .flatMap(
            f ->
                userHandleOf(f.accountId(), false).stream()
                    .map(
                        handle ->
                            RegisteredCredential.builder()
                                .credentialId(bytes(f.credentialId()))
                                .userHandle(handle)
                                .publicKeyCose(bytes(f.publicKeyCose()))
                                .signatureCount(f.signatureCount())
                                .build()))
        .collect(Collectors.toSet());
  }

  private Optional<WebAuthnFactor> byCredential(String credentialId) {
    return em.createNamedQuery(WebAuthnFactor.BY_CREDENTIAL, WebAuthnFactor.class)
        .setParameter("hash", hash(credentialId))
        .getResultStream()
        .findFirst();
  }

  /** The account's user handle; made (64 random bytes) when {@code create} and it has none. */
  private Optional<ByteArray> userHandleOf(String accountId, boolean create) {
    WebAuthnUser user = em.find(WebAuthnUser.class, accountId);
    if (user == null && create) {
      byte[] random = new byte[64];
      RANDOM.nextBytes(random);
      user = new WebAuthnUser(accountId, new ByteArray(random).getBase64Url());
      em.persist(user);
    }
    return Optional.ofNullable(user).map(u -> bytes(u.userHandle()));
  }

  private static ByteArray bytes(String base64Url) {
    try {
      return ByteArray.fromBase64Url(base64Url);
    } catch (Base64UrlException e) {
      throw new IllegalStateException("stored WebAuthn value is not base64url", e);
    }
  }

  static String hash(String credentialId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(credentialId.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
