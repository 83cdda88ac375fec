package org.gongjian.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What an operator sees of one plugin.
 *
 * @param state PF4J's state name: CREATED, RESOLVED, STARTED, STOPPED, FAILED, DISABLED
 * @param error why the plugin failed, when it did (English, for the operator's log)
 * @param errorCode the stable code of why it failed, e.g. {@code PLUGIN_MIGRATION_FAILED}
 * @param enabled false when the platform administrator switched it off (its state is then DISABLED)
 * @param source {@value #UPLOADED}, {@value #DIRECTORY} (placed in the plugins directory by the
 *     operator) or {@value #BUNDLED} (shipped with the server)
 */
@Serdeable
public record PluginInfo(
        String id,
        String version,
        String state,
        @Nullable String description,
        @Nullable String provider,
        @Nullable String error,
        @Nullable String errorCode,
        boolean enabled,
        String source) {

    public static final String UPLOADED = "UPLOADED";
    public static final String DIRECTORY = "DIRECTORY";
    public static final String BUNDLED = "BUNDLED";
}
