/**
 * The page that shows freshly made recovery codes, once. It must not keep the codes past the
 * request.
 */
package dev.portcullis.recovery.web;
