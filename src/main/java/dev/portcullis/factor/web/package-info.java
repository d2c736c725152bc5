/**
 * Security Settings: the state of Two-Factor Authentication, the choice of factor, turning it off and
 * regenerating recovery codes. Only page glue: no code is checked here, only passed on.
 */
package dev.portcullis.factor.web;
