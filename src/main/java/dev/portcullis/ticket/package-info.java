/**
 * The account recovery request ("Submit a ticket"): for a customer who lost every second factor and
 * every recovery code. Confirmed by mail, decided by an administrator, carried out after a delay
 * the owner can cancel.
 */
package dev.portcullis.ticket;
