/**
 * Security keys and passkeys (WebAuthn/FIDO2) as a second factor: registered credentials ({@link
 * dev.portcullis.webauthn.WebAuthnFactor}), the accounts' random user handles, the relying party
 * from configuration, and the two ceremonies through Yubico's webauthn-server-core, whose
 * challenges live in the browser session and are used once.
 */
package dev.portcullis.webauthn;
