package org.gongjian.plugins;

/**
 * Whether a plugin is enabled for an organization, for the SDK's {@code Access.enabledFor}. The
 * plugin host answers "enabled everywhere" ({@link EnabledEverywhere}) until the per-organization
 * enablement contributes a bean of its own, which replaces that default.
 */
public interface PluginOrganizations {

    boolean enabledFor(String pluginId, long organizationId);
}
