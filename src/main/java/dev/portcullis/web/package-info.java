/**
 * What every page shares: the signed-in account ({@code me}), the password step any page can start
 * ({@link dev.portcullis.web.SignIn}), the demand for a fresh proof before factors change, the
 * words about a device's clock, and Security Settings, the page that brings every factor together.
 * Only page glue: rules live in the features. A feature's own {@code web} package may use this one,
 * never another feature's {@code web}.
 */
package dev.portcullis.web;
