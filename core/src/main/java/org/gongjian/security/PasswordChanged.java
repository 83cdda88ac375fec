package org.gongjian.security;

import java.time.Instant;

/** Published after a user chose a new password; every API token of the user has ended by then. */
record PasswordChanged(long userId, String username, Instant at) {}
