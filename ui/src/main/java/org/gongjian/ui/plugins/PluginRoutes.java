package org.gongjian.ui.plugins;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.plugin.api.PluginView;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginLifecycleListener;
import org.gongjian.ui.layout.MainLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of plugin pages in step with the plugins: added at {@code
 * /plugins/<pluginId>/<path>} when a plugin starts (or when the UI comes up), removed when it stops.
 */
@Singleton
public final class PluginRoutes implements PluginLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);

    private final PluginHost host;
    private final List<RouteConfiguration> registries = new ArrayList<>();

    PluginRoutes(PluginHost host) {
        this.host = host;
        host.addListener(this);
    }

    static String path(String pluginId, PluginView view) {
        return "plugins/" + pluginId + "/" + view.path();
    }

    /** Registers the pages of started plugins in a route registry and follows later changes. */
    public synchronized void attach(RouteConfiguration routes) {
        registries.add(routes);
        for (PluginHost.ContributedView view : host.views()) {
            register(routes, view);
        }
    }

    @Override
    public synchronized void started(String pluginId) {
        for (PluginHost.ContributedView view : host.views()) {
            if (view.pluginId().equals(pluginId)) {
                registries.forEach(routes -> register(routes, view));
            }
        }
    }

    @Override
    public synchronized void stopping(String pluginId) {
        for (PluginHost.ContributedView view : host.views()) {
            if (view.pluginId().equals(pluginId)) {
                registries.forEach(routes -> routes.removeRoute(path(pluginId, view.view())));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void register(RouteConfiguration routes, PluginHost.ContributedView view) {
        Class<?> type = view.view().componentClass();
        String path = path(view.pluginId(), view.view());
        if (!Component.class.isAssignableFrom(type)) {
            LOG.error("Plugin {} page {}: {} is not a Vaadin component", view.pluginId(), path, type.getName());
            return;
        }
        if (routes.isPathAvailable(path)) {
            routes.removeRoute(path);
        }
        routes.setRoute(path, (Class<? extends Component>) type, MainLayout.class);
    }
}
