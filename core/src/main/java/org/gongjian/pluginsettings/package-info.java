/**
 * Plugin settings per organization: the typed settings a plugin declares in its {@link
 * org.gongjian.plugin.api.PluginSettings} extension, set by administrators of an organization and
 * inherited down the tree (the organization's own value, else the nearest ancestor's, else the
 * declared default), like the points settings. Every value is checked strictly against its
 * definition before it is stored ({@link org.gongjian.pluginsettings.SettingRules}, with the codes
 * of {@link org.gongjian.pluginsettings.PluginSettingsErrors}) and again when read, so a value a
 * plugin upgrade no longer allows falls back to the inherited one. Changes are audited in their
 * transaction. Plugins read the values through the SDK's {@link org.gongjian.plugin.api.Settings};
 * people through {@code /api/plugin-settings/{pluginId}/{organizationId}} and the settings page.
 * It owns the {@code plugin_setting} table. It sits above the plugin host, the organizations and
 * the audit log, so that none of them depends on it.
 */
package org.gongjian.pluginsettings;
