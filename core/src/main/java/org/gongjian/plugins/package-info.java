/**
 * The plugin host: loads PF4J plugin jars from {@code $GONGJIAN_HOME/plugins} and the bundled
 * ones, runs each plugin's own Flyway migrations (history table {@code flyway_history_<id>}),
 * constructs plugins and extensions itself with a {@link org.gongjian.plugin.api.PluginContext},
 * and reports plugins that fail without stopping the server.
 */
package org.gongjian.plugins;
