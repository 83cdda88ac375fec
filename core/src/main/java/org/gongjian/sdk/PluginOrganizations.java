package org.gongjian.sdk;

/**
 * Whether a plugin is switched on for an organization: what the SDK's {@code Access.enabledFor},
 * the endpoint dispatcher, the UI contributions and the rules editor ask. Implemented by {@link
 * PluginEnablement} (the nearest setting up the organization tree, else the platform's default).
 */
public interface PluginOrganizations {

    /** Whether the plugin is on for the organization (no caller check: callers check scope first). */
    boolean enabledFor(String pluginId, long organizationId);
}
