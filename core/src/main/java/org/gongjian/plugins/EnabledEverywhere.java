package org.gongjian.plugins;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** The default {@link PluginOrganizations}: every started plugin is on for every organization. */
@Singleton
@Secondary
final class EnabledEverywhere implements PluginOrganizations {

    @Override
    public boolean enabledFor(String pluginId, long organizationId) {
        return true;
    }
}
