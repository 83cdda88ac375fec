package org.gongjian.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What an operator sees of one plugin.
 *
 * @param state PF4J's state name: CREATED, RESOLVED, STARTED, STOPPED, FAILED, DISABLED
 * @param error why the plugin failed, when it did
 */
@Serdeable
public record PluginInfo(
        String id,
        String version,
        String state,
        @Nullable String description,
        @Nullable String provider,
        @Nullable String error) {}
