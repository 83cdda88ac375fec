package org.gongjian.plugin.api;

/**
 * One role the caller holds on one organization and its subtree.
 *
 * @since 0.2
 */
public record OrganizationGrant(PluginRole role, long organizationId, String organizationName) {}
