/** The account's recent security activity, as Security Settings shows it. Read-only page glue. */
package dev.portcullis.audit.web;
