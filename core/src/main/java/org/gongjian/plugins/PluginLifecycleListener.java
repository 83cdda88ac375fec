package org.gongjian.plugins;

/** Told when a plugin has started and before it stops, e.g. to add and remove its pages. */
public interface PluginLifecycleListener {

    void started(String pluginId);

    void stopping(String pluginId);
}
