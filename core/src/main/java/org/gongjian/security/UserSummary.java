package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A user as an administrator sees them in the users list.
 *
 * @param memberName the name of the member the user signs in as
 * @param lockedUntil set while the account is locked after too many wrong passwords
 * @param roles the roles the viewing administrator may see: those on organizations inside their
 *     subtree (all roles for a platform administrator)
 */
@Serdeable
public record UserSummary(
        long id,
        String username,
        @Nullable Long memberId,
        @Nullable String memberName,
        boolean enabled,
        boolean passwordChangeNeeded,
        @Nullable Instant lockedUntil,
        @Nullable Instant lastLoginAt,
        Instant createdAt,
        List<UserRole> roles) {

    public UserSummary {
        roles = List.copyOf(roles);
    }

    /** The same user with these roles. */
    UserSummary withRoles(List<UserRole> held) {
        return new UserSummary(
                id,
                username,
                memberId,
                memberName,
                enabled,
                passwordChangeNeeded,
                lockedUntil,
                lastLoginAt,
                createdAt,
                held);
    }
}
