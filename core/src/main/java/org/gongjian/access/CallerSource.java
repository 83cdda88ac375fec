package org.gongjian.access;

import java.util.Optional;

/**
 * Where {@link Callers} reads a user's name, member and grants: the security feature, which owns
 * users and roles, implements it, so that this package, below every feature, reads none of their
 * tables. Called once per request inside a read-only transaction.
 */
public interface CallerSource {

    /**
     * The caller for a user id with the grants on organizations that are not archived (an
     * organization role without an organization grants nothing); a disabled user has no grants;
     * empty for an unknown user.
     */
    Optional<Caller> caller(long userId);
}
