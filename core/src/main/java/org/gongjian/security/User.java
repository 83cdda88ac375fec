package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code app_user}. Sign-in counters ({@code failedAttempts}, {@code lockedUntil}) are
 * only ever changed by the guarded single-statement updates of {@link UserRepository}, never by
 * writing a whole row back, so that concurrent attempts cannot lose a count.
 *
 * @param memberId the member this account signs in as, if any (at most one account per member)
 * @param failedAttempts wrong passwords since the last success or the end of the last lock
 * @param lockedUntil no password is accepted before this instant; null or past when not locked
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

    /** Whether the account refuses every password at {@code now}. */
    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
