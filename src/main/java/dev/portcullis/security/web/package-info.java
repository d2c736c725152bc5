/**
 * The login pages (password, then code) and logout. They hand credentials to the mechanism through
 * {@code SecurityContext.authenticate} and never check a credential themselves.
 */
package dev.portcullis.security.web;
