/**
 * The pages of the account recovery request: the request form (after the password, or signed in),
 * the mailed links' pages (confirm, cancel), and the administrators' review in the admin console.
 */
package dev.portcullis.ticket.web;
