package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A user just created.
 *
 * @param generatedPassword the one-time password when none was given, shown once and never stored
 *     in clear; the user must change it at the first sign-in
 */
@Serdeable
public record NewUser(UserSummary user, @Nullable String generatedPassword) {}
