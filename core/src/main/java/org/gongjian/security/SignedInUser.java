package org.gongjian.security;

import java.util.Set;
import org.gongjian.access.Role;

/**
 * A user whose password or token was just checked.
 *
 * @param passwordChangeNeeded true until the first password of a created account is replaced
 */
public record SignedInUser(long id, String username, Set<Role> roles, boolean passwordChangeNeeded) {

    public SignedInUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
