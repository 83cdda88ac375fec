package org.gongjian.ui.plugins;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.security.Home;

/**
 * Guards the pages of plugins, which cannot guard themselves: a page at {@code
 * /plugins/<pluginId>/<path>} opens only for a caller with one of its roles for whom the plugin is
 * on where they work, and a self-service page at {@code /me/plugins/<pluginId>/<path>} only for a
 * caller with a member record where the plugin is on for its organization; anyone else is sent
 * home, as from any page they may not open.
 */
@Singleton
final class PluginPageGuard implements VaadinServiceInitListener {

    private final PluginHost host;
    private final PluginUi plugins;
    private final PluginRoutes routes;

    PluginPageGuard(PluginHost host, PluginUi plugins, PluginRoutes routes) {
        this.host = host;
        this.plugins = plugins;
        this.routes = routes;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    void check(BeforeEnterEvent event) {
        String path = event.getLocation().getPath();
        if (path.startsWith("me/plugins/")) {
            checkSelfService(event, path);
            return;
        }
        if (!path.startsWith("plugins/")) {
            return;
        }
        Optional<PluginHost.ContributedView> view = host.views().stream()
                .filter(v -> PluginRoutes.path(v.pluginId(), v.view()).equals(path))
                .findFirst();
        if (view.isEmpty()) {
            return; // a page of the host itself, or none: the router answers
        }
        Optional<Caller> caller = plugins.caller();
        if (caller.isEmpty()) {
            return; // not signed in: the access control sends the user to sign in
        }
        if (!plugins.shown(
                caller.get(), view.get().pluginId(), view.get().view().roles())) {
            Home.forward(event);
        }
    }

    /** A self-service page opens for a caller with a member record where the plugin is on for its organization. */
    private void checkSelfService(BeforeEnterEvent event, String path) {
        Optional<PluginRoutes.ContributedSelfService> page = routes.selfServicePages().stream()
                .filter(p -> PluginRoutes.path(p.pluginId(), p.page()).equals(path))
                .findFirst();
        Optional<Caller> caller = plugins.caller();
        if (page.isEmpty() || caller.isEmpty()) {
            return;
        }
        if (!plugins.selfServiceShown(caller.get(), page.get().pluginId())) {
            Home.forward(event);
        }
    }
}
