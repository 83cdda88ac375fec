package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.MemberScopes;
import org.gongjian.organizations.Organizations;

/**
 * Where users belong, as user administration needs it: organizations by id and the organization
 * and name of the member a user signs in as, asked of the features that own them.
 */
@Singleton
class UserPlaces {

    /** An organization: its id, path and (where known) name. */
    record Place(long id, String path, @Nullable String name) {}

    private final Organizations organizations;
    private final MemberScopes scopes;

    UserPlaces(Organizations organizations, MemberScopes scopes) {
        this.organizations = organizations;
        this.scopes = scopes;
    }

    /** An organization by id; an archived one only if {@code archivedToo}. */
    Optional<Place> organization(long id, boolean archivedToo) {
        return organizations
                .find(id)
                .filter(o -> archivedToo || o.archivedAt() == null)
                .map(o -> new Place(o.id(), o.path(), o.name()));
    }

    /** The organization of a member (without its name). */
    Optional<Place> memberOrganization(long memberId) {
        return scopes.of(memberId).map(m -> new Place(m.organizationId(), m.orgPath(), null));
    }

    /** The names of members, by id. */
    Map<Long, String> memberNames(Collection<Long> memberIds) {
        return scopes.names(memberIds);
    }
}
