/**
 * The TOTP enrollment page and the QR image servlet. The secret is rendered into the page and the
 * image only; it never enters view state, a URL or a log line.
 */
package dev.portcullis.totp.web;
