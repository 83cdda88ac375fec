package org.gongjian.plugins;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.gongjian.ids.IdGenerator;
import org.gongjian.plugin.api.PluginContext;

/** The context one plugin gets. */
final class HostPluginContext implements PluginContext {

    private final String pluginId;
    private final String pluginVersion;
    private final DataSource dataSource;
    private final Path dataDirectory;
    private final Clock clock;
    private final IdGenerator ids;
    private final HostServices services;

    HostPluginContext(
            String pluginId,
            String pluginVersion,
            DataSource dataSource,
            Path dataDirectory,
            Clock clock,
            IdGenerator ids,
            HostServices services) {
        this.pluginId = pluginId;
        this.pluginVersion = pluginVersion;
        this.dataSource = dataSource;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.ids = ids;
        this.services = services;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String pluginVersion() {
        return pluginVersion;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public long newId() {
        return ids.next();
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return services.find(pluginId, type);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("plugin." + pluginId);
    }
}
