package org.gongjian.access;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Builds the {@link Caller} of a request from the user's current grants, read fresh each time:
 * a role revoked or a user disabled takes effect on the next request.
 */
@Singleton
public class Callers {

    private final CallerSource source;

    Callers(CallerSource source) {
        this.source = source;
    }

    /** The caller behind an API request (the token validator put the user id in the attributes). */
    public Caller of(Authentication authentication) {
        Object id = authentication.getAttributes().get("userId");
        if (!(id instanceof Number number)) {
            throw new IllegalStateException("The authentication carries no user id");
        }
        return forUser(number.longValue());
    }

    /** The caller for a user id; an unknown or disabled user has no grants at all. */
    @Transactional(readOnly = true)
    public Caller forUser(long userId) {
        return source.caller(userId).orElseThrow(() -> new NotFoundException("User", userId));
    }
}
