/** The admin console's pages: find an account, see its factors and activity, reset 2FA, unlock. */
package dev.portcullis.admin.web;
