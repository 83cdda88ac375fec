package org.gongjian.organizations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One node of the organization tree.
 *
 * @param path ancestor ids and its own id, e.g. {@code /1/7/42/}; the subtree of a node is every
 *     row whose path starts with the node's path
 * @param archivedAt when it was archived: an archived organization is read-only and its roles
 *     grant nothing
 */
@MappedEntity("organization")
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // a null parent or archivedAt is sent as null, not left out
public record Organization(
        @Id long id,
        @Nullable Long parentId,
        OrganizationKind kind,
        String name,
        String path,
        Instant createdAt,
        @Nullable Instant archivedAt) {

    Organization withName(String newName) {
        return new Organization(id, parentId, kind, newName, path, createdAt, archivedAt);
    }
}
