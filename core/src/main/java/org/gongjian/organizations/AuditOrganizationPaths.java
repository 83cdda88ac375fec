package org.gongjian.organizations;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.audit.OrganizationPaths;

/** The organizations' side of {@link OrganizationPaths}. */
@Singleton
final class AuditOrganizationPaths implements OrganizationPaths {

    private final Organizations organizations;

    AuditOrganizationPaths(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public Optional<String> pathOf(long organizationId) {
        return organizations.find(organizationId).map(Organization::path);
    }
}
