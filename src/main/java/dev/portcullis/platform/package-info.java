/**
 * What every feature leans on and no feature owns: the clock, configuration checks at start-up,
 * database migrations, the sealing of secrets at rest, the client address, the rules for plain text
 * and ASCII-only input, and the counting of bad requests from outside. Nothing here knows about
 * accounts, factors or pages.
 */
package dev.portcullis.platform;
