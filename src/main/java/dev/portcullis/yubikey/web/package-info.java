/**
 * The YubiKey registration page. Only page glue: validation and storage live in {@code yubikey};
 * the AES key and private id typed here are never kept past the request.
 */
package dev.portcullis.yubikey.web;
