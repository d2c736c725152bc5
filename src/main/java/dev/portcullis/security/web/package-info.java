/**
 * The login pages (password, then code), "confirm it's you" and logout, which hand credentials to
 * the mechanism and never check one themselves; and what guards every request before a page sees
 * it: the security headers and the one Content-Security-Policy, the 404 for addresses that name no
 * page, and the refusal of posts without their page's nonce before any action runs.
 */
package dev.portcullis.security.web;
