/**
 * Pages about the account itself: registration, the signed-in account for the templates, the landing
 * redirect. Only page glue: rules live in {@code account}.
 */
package dev.portcullis.account.web;
