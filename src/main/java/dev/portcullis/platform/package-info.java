/**
 * What every feature leans on and no feature owns: the clock, database migrations at start-up, and the
 * sealing of secrets at rest. Nothing here knows about accounts, factors or pages.
 */
package dev.portcullis.platform;
