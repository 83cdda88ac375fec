package org.gongjian.ui.bridge;

/**
 * Constructs the Vaadin components of plugins (their pages) for the instantiator, with what their
 * constructors take (the plugin's context, the signed-in caller). Implemented by the UI's plugin
 * support; without it the plugin host constructs them with the context only.
 */
public interface PluginComponents {

    <T> T create(Class<T> type);
}
