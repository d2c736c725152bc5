package dev.portcullis.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The WARNING and ERROR lines a test class provokes in the server log on purpose (an outage of the
 * validation service, a replayed OTP), each a regular expression found in the line's {@code logger
 * level message}. {@link ServerLogCheck} fails the class on any other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExpectedServerLog {

  /** Regular expressions, e.g. {@code "yubikey\\.CloudValidation [WE] "}. */
  String[] value();
}
