package org.gongjian.organizations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One node of the organization tree.
 *
 * @param path ancestor ids and its own id, e.g. {@code /1/7/42/}; the subtree of a node is every
 *     row whose path starts with the node's path
 */
@MappedEntity("organization")
public record Organization(
        @Id long id,
        @Nullable Long parentId,
        OrganizationKind kind,
        String name,
        String path,
        Instant createdAt,
        @Nullable Instant archivedAt) {}
