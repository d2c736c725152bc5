/** The page that adds a security key or passkey to the signed-in account. */
package dev.portcullis.webauthn.web;
