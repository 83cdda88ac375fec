package org.gongjian.access;

import io.micronaut.core.annotation.Nullable;

/**
 * One role held on one organization subtree.
 *
 * @param orgPath the materialized path of the organization, e.g. {@code /1/7/}; null only for
 *     {@link Role#PLATFORM_ADMIN}
 */
public record Grant(Role role, @Nullable Long organizationId, @Nullable String orgPath) {

    /** Whether this grant covers an object in the organization with the given path. */
    boolean covers(String path) {
        return role == Role.PLATFORM_ADMIN || (orgPath != null && path != null && path.startsWith(orgPath));
    }
}
