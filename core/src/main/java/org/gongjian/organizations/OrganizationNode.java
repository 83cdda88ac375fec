package org.gongjian.organizations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A non-archived organization in the tree a caller sees, with its children.
 *
 * @param memberCount active members whose organization is this one
 * @param subtreeMemberCount active members of this organization and of every visible one below it
 * @param children its non-archived children, by name
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // a null parent and an empty children list are sent, not left out
public record OrganizationNode(
        long id,
        @Nullable Long parentId,
        OrganizationKind kind,
        String name,
        String path,
        long memberCount,
        long subtreeMemberCount,
        List<OrganizationNode> children) {

    public OrganizationNode {
        children = List.copyOf(children);
    }
}
