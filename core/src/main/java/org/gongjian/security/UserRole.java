package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.gongjian.access.Role;

/**
 * One role a user holds.
 *
 * @param organizationId where it is granted (it covers the subtree); null for {@link
 *     Role#PLATFORM_ADMIN}
 */
@Serdeable
public record UserRole(Role role, @Nullable Long organizationId, @Nullable String organizationName) {}
