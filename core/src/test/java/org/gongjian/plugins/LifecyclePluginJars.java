package org.gongjian.plugins;

import java.nio.file.Path;
import org.gongjian.plugins.fixtures.lifecycle.ItemsEndpoint;
import org.gongjian.plugins.fixtures.lifecycle.LifecyclePlugin;

/**
 * Versions of the lifecycle fixture plugin ({@code fixtures.lifecycle}), unsigned, for tests here and
 * in other modules: V1 creates the table {@code <id>_item} with two rows; from 2.0.0 on, V2 adds a
 * third; {@code GET items} answers the running version and the row count.
 */
public final class LifecyclePluginJars {

    private LifecyclePluginJars() {}

    /** Writes version {@code version} of plugin {@code pluginId} to {@code dir/<id>-<version>-plain.jar}. */
    public static Path write(String pluginId, String version, Path dir) {
        return jar(pluginId, version).writeTo(dir.resolve(pluginId + "-" + version + "-plain.jar"));
    }

    static PluginJar jar(String pluginId, String version) {
        PluginJar jar = PluginJar.of(pluginId, version, LifecyclePlugin.class)
                .extension(ItemsEndpoint.class)
                .migration("V1__items.sql", itemsTable(pluginId));
        if (!version.startsWith("1.")) {
            jar.migration("V2__third.sql", "INSERT INTO " + table(pluginId) + " (id, name) VALUES (3, 'third');");
        }
        return jar;
    }

    static String itemsTable(String pluginId) {
        return """
                CREATE TABLE %1$s (id BIGINT NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (id));
                INSERT INTO %1$s (id, name) VALUES (1, 'first'), (2, 'second');
                """
                .formatted(table(pluginId));
    }

    static String table(String pluginId) {
        return pluginId.replace('-', '_') + "_item";
    }
}
