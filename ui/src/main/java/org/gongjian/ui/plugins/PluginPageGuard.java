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
 * on where they work; anyone else is sent home, as from any page they may not open.
 */
@Singleton
final class PluginPageGuard implements VaadinServiceInitListener {

    private final PluginHost host;
    private final PluginUi plugins;

    PluginPageGuard(PluginHost host, PluginUi plugins) {
        this.host = host;
        this.plugins = plugins;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::check));
    }

    void check(BeforeEnterEvent event) {
        String path = event.getLocation().getPath();
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
}
