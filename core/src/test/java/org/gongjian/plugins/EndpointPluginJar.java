package org.gongjian.plugins;

import java.nio.file.Path;
import org.gongjian.plugins.fixtures.endpoints.EchoEndpoint;
import org.gongjian.plugins.fixtures.endpoints.EndpointsPlugin;
import org.gongjian.plugins.fixtures.endpoints.FailingEndpoint;
import org.gongjian.plugins.fixtures.endpoints.RefusingEndpoint;
import org.gongjian.plugins.fixtures.endpoints.SummaryEndpoint;

/** The jar of the endpoint fixture plugin ({@code fixtures.endpoints}), for tests outside this package. */
public final class EndpointPluginJar {

    private EndpointPluginJar() {}

    /** Writes the plugin with every endpoint fixture to {@code dir/<pluginId>.jar}. */
    public static Path write(String pluginId, Path dir) {
        return PluginJar.of(pluginId, "1.0.0", EndpointsPlugin.class)
                .extension(EchoEndpoint.class)
                .extension(SummaryEndpoint.class)
                .extension(RefusingEndpoint.class)
                .extension(FailingEndpoint.class)
                .writeTo(dir.resolve(pluginId + ".jar"));
    }

    /** Writes the plugin with only {@code GET orgs/{organizationId}/summary} to {@code dir/<pluginId>.jar}. */
    public static Path writeSummaryOnly(String pluginId, Path dir) {
        return PluginJar.of(pluginId, "1.0.0", EndpointsPlugin.class)
                .extension(SummaryEndpoint.class)
                .writeTo(dir.resolve(pluginId + ".jar"));
    }
}
