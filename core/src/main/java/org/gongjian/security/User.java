package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("app_user")
record User(
        @Id long id,
        String username,
        String passwordHash,
        boolean passwordChangeNeeded,
        boolean enabled,
        Instant createdAt,
        @Nullable Instant passwordChangedAt) {

    User withPassword(String hash, Instant now) {
        return new User(id, username, hash, false, enabled, createdAt, now);
    }
}
