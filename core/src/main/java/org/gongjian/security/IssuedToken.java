package org.gongjian.security;

import java.time.Duration;

/** An API access token as handed to a client once; only its hash is stored. */
public record IssuedToken(String value, Duration validFor) {}
