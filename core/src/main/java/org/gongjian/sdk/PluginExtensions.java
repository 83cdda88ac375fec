package org.gongjian.sdk;

import java.util.List;

/**
 * What features serving plugins need of the plugin host: the extensions of started plugins.
 * Declared here, below the features, and implemented by {@code plugins.PluginHost}.
 */
public interface PluginExtensions {

    /** The ids of the started plugins, in id order. */
    List<String> startedPluginIds();

    /** The extensions of every started plugin implementing an SDK extension point. */
    <T> List<T> extensions(Class<T> extensionPoint);

    /** The extensions of one plugin implementing an SDK extension point; empty unless it is started. */
    <T> List<T> extensions(Class<T> extensionPoint, String pluginId);
}
