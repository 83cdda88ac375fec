package org.gongjian.plugin.api;

/**
 * What a signed-in user may do, as the host grants it: a role held on an organization covers its
 * whole subtree.
 *
 * @since 0.2
 */
public enum PluginRole {
    /** Runs the platform: installs plugins, sees every organization. */
    PLATFORM_ADMIN,
    /** A secretary: manages an organization's subtree. */
    ORG_ADMIN,
    /** Helps a secretary: reads and records within the subtree; sees personal data masked. */
    ORG_STAFF,
    /** Self-service: own record, points and hours only. */
    VOLUNTEER
}
