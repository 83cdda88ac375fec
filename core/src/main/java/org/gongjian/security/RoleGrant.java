package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import org.gongjian.access.Role;

@MappedEntity("role_grant")
record RoleGrant(@Id long id, long userId, Role role, @Nullable Long organizationId, Instant createdAt) {}
