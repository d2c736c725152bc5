package dev.portcullis.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** The session's record of a completed login, restored into the container on every request. */
record SignedInCaller(String accountId, Set<String> groups, Instant at) implements Serializable {

  static final String SESSION_ATTRIBUTE = "dev.portcullis.signedIn";
}
