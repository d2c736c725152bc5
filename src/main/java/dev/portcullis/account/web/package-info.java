/**
 * Pages about the account itself: registration and the landing redirect. Only page glue: rules live
 * in {@code account}; the signed-in account and the password step are the shared {@code
 * dev.portcullis.web}.
 */
package dev.portcullis.account.web;
