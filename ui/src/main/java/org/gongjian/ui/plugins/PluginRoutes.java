package org.gongjian.ui.plugins;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.RouteConfiguration;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.plugin.api.PluginView;
import org.gongjian.plugin.api.SelfServicePage;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginLifecycleListener;
import org.gongjian.ui.layout.MainLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of plugin pages in step with the plugins: added at {@code
 * /plugins/<pluginId>/<path>} (administration pages) and {@code /me/plugins/<pluginId>/<path>}
 * (self-service pages) when a plugin starts (or when the UI comes up), removed when it stops.
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

    static String path(String pluginId, SelfServicePage page) {
        return "me/plugins/" + pluginId + "/" + page.path();
    }

    /** A self-service page of a started plugin. */
    record ContributedSelfService(String pluginId, SelfServicePage page) {}

    /** The self-service pages of the plugins started now, with well-formed paths. */
    List<ContributedSelfService> selfServicePages() {
        List<ContributedSelfService> pages = new ArrayList<>();
        for (PluginInfo plugin : host.list()) {
            for (SelfServicePage page : host.extensions(SelfServicePage.class, plugin.id())) {
                if (page.path() != null && page.path().matches("[a-z0-9][a-z0-9-]{0,63}")) {
                    pages.add(new ContributedSelfService(plugin.id(), page));
                }
            }
        }
        return pages;
    }

    /** Registers the pages of started plugins in a route registry and follows later changes. */
    public synchronized void attach(RouteConfiguration routes) {
        registries.add(routes);
        for (PluginHost.ContributedView view : host.views()) {
            register(routes, view.pluginId(), view.view().componentClass(), path(view.pluginId(), view.view()));
        }
        for (ContributedSelfService page : selfServicePages()) {
            register(routes, page.pluginId(), page.page().componentClass(), path(page.pluginId(), page.page()));
        }
    }

    @Override
    public synchronized void started(String pluginId) {
        for (PluginHost.ContributedView view : host.views()) {
            if (view.pluginId().equals(pluginId)) {
                registries.forEach(routes ->
                        register(routes, pluginId, view.view().componentClass(), path(pluginId, view.view())));
            }
        }
        for (ContributedSelfService page : selfServicePages()) {
            if (page.pluginId().equals(pluginId)) {
                registries.forEach(routes ->
                        register(routes, pluginId, page.page().componentClass(), path(pluginId, page.page())));
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
        for (ContributedSelfService page : selfServicePages()) {
            if (page.pluginId().equals(pluginId)) {
                registries.forEach(routes -> routes.removeRoute(path(pluginId, page.page())));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void register(RouteConfiguration routes, String pluginId, Class<?> type, String path) {
        if (!Component.class.isAssignableFrom(type)) {
            LOG.error("Plugin {} page {}: {} is not a Vaadin component", pluginId, path, type.getName());
            return;
        }
        if (routes.isPathAvailable(path)) {
            routes.removeRoute(path);
        }
        routes.setRoute(path, (Class<? extends Component>) type, MainLayout.class);
    }
}
