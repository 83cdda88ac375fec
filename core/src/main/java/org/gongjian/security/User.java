package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code app_user}. The sign-in lock is counted per account and client address in {@code
 * sign_in_lock} ({@link LoginAttempts}); {@code lockedUntil} is only changed by the guarded updates
 * of {@link UserRepository}, never by writing a whole row back.
 *
 * @param memberId the member this account signs in as, if any (at most one account per member)
 * @param failedAttempts no longer counted (see {@code sign_in_lock}); 0
 * @param lockedUntil until when the account is locked for at least one client address; null or past
 *     when no address is locked out
 */
@MappedEntity("app_user")
record User(
        @Id long id,
        String username,
        String passwordHash,
        boolean passwordChangeNeeded,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant passwordChangedAt,
        @Nullable Long memberId,
        int failedAttempts,
        @Nullable Instant lockedUntil,
        @Nullable Instant lastLoginAt) {

    /** A new, enabled account that has never signed in. */
    static User created(
            long id, String username, String hash, boolean passwordChangeNeeded, Long memberId, Instant now) {
        return new User(id, username, hash, passwordChangeNeeded, true, now, null, memberId, 0, null, null);
    }

    /** Whether some client address is locked out of the account at {@code now}. */
    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
