/**
 * YubiKeys as a second factor (Yubico OTP): parsing the 32–48 characters a key types (modhex,
 * public id, token), validation through YubiCloud or the operator's own servers
 * (java-yubico-client, wrapped with a deadline, a circuit breaker and a strict reading of every
 * status) or locally with the key's AES secret, the YubiKeyFactor with its replay guard, and
 * enrollment. It must not hold page code outside {@code web} and never logs an OTP, an AES key or a
 * private id.
 */
package dev.portcullis.yubikey;
