package org.gongjian.pluginsettings;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Map;
import org.gongjian.plugin.api.SettingDefinition;
import org.gongjian.plugin.api.Settings;
import org.gongjian.sdk.SdkService;

/**
 * The SDK's {@link Settings}: a plugin reads its own settings as they apply at an organization
 * (its own value, else the nearest ancestor's, else the default). Each {@link Settings#of} reads
 * the values once; asking a {@link Settings.Values} for an undeclared key, or as the wrong type,
 * throws {@link IllegalArgumentException}, as does an unknown organization.
 */
@Singleton
final class PluginSettingsAdapter implements SdkService<Settings> {

    private final PluginSettingsService settings;

    PluginSettingsAdapter(PluginSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Class<Settings> type() {
        return Settings.class;
    }

    @Override
    public Settings forPlugin(String pluginId) {
        return organizationId -> {
            PluginSettingsService.Definitions definitions = settings.definitions(pluginId)
                    .orElseThrow(() -> new IllegalStateException(
                            "Plugin " + pluginId + " is not started or declares no PluginSettings"));
            return new Values(definitions, settings.values(definitions, organizationId));
        };
    }

    private record Values(PluginSettingsService.Definitions definitions, Map<String, String> values)
            implements Settings.Values {

        @Override
        public long integer(String key) {
            return Long.parseLong(value(key, SettingDefinition.Type.INTEGER));
        }

        @Override
        public BigDecimal decimal(String key) {
            return new BigDecimal(value(key, SettingDefinition.Type.DECIMAL));
        }

        @Override
        public boolean bool(String key) {
            return Boolean.parseBoolean(value(key, SettingDefinition.Type.BOOLEAN));
        }

        /** A TEXT or CHOICE setting. */
        @Override
        public String text(String key) {
            SettingDefinition definition = definition(key);
            if (definition.type() == SettingDefinition.Type.CHOICE) {
                return values.get(key);
            }
            return value(key, SettingDefinition.Type.TEXT);
        }

        private String value(String key, SettingDefinition.Type type) {
            SettingDefinition definition = definition(key);
            if (definition.type() != type) {
                throw new IllegalArgumentException("Setting " + key + " is " + definition.type() + ", not " + type);
            }
            return values.get(key);
        }

        private SettingDefinition definition(String key) {
            SettingDefinition definition = definitions.byKey().get(key);
            if (definition == null) {
                throw new IllegalArgumentException(
                        "No setting " + key + " is declared (or its definition is unusable)");
            }
            return definition;
        }
    }
}
