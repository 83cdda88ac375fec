package org.gongjian.audit;

import java.util.Optional;

/**
 * The organization tree's answer to "where is this organization", for audit rows written on
 * behalf of plugins (their scope on the audit page). Declared here, below the organizations
 * feature, which implements it.
 */
public interface OrganizationPaths {

    /** The path of the organization, if it exists. */
    Optional<String> pathOf(long organizationId);
}
