package org.gongjian.security;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * The grants of a caller described with their organizations' names and kinds, for {@code GET
 * /api/me}: one read of the organizations by id.
 */
@Singleton
class GrantedOrganizations {

    private final Organizations organizations;

    GrantedOrganizations(Organizations organizations) {
        this.organizations = organizations;
    }

    /** The caller's grants, platform-wide first, then by path. */
    @Transactional(readOnly = true)
    List<MeController.MyGrant> of(Caller caller) {
        List<Long> ids = caller.grants().stream()
                .map(Grant::organizationId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, Organization> organizations = this.organizations.find(ids);
        return caller.grants().stream()
                .map(g -> {
                    Organization org = g.organizationId() == null ? null : organizations.get(g.organizationId());
                    return new MeController.MyGrant(
                            g.role().name(),
                            g.organizationId(),
                            org == null ? null : org.name(),
                            org == null ? null : org.kind().name(),
                            g.orgPath());
                })
                .distinct()
                .sorted(Comparator.comparing((MeController.MyGrant g) -> g.path() == null ? "" : g.path())
                        .thenComparing(MeController.MyGrant::role))
                .toList();
    }
}
