package org.gongjian.ui.plugins;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.dashboard.DashboardCard;

/** The dashboard's count of started plugins, "of" all installed ones. */
@Singleton
final class PluginsCard implements DashboardCard {

    private final PluginHost plugins;

    PluginsCard(PluginHost plugins) {
        this.plugins = plugins;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String id() {
        return "plugins";
    }

    @Override
    public String labelKey() {
        return "dashboard.plugins";
    }

    @Override
    public Optional<Figure> figure(Caller caller) {
        return Optional.of(Figure.of(
                plugins.startedCount(), "dashboard.plugins.of", plugins.list().size()));
    }
}
