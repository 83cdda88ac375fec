package org.gongjian.ui.plugins;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.gongjian.access.Caller;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.layout.NavigationSection;

/**
 * 扩展功能 in the menu: the pages of the plugins started now that the signed-in user may open (one
 * of the page's roles, and the plugin on where they work), titled in the user's language.
 */
@Singleton
final class PluginPagesNavigation implements NavigationSection {

    private final PluginHost host;
    private final PluginUi plugins;

    PluginPagesNavigation(PluginHost host, PluginUi plugins) {
        this.host = host;
        this.plugins = plugins;
    }

    @Override
    public String id() {
        return "plugin-nav";
    }

    @Override
    public String labelKey() {
        return "nav.plugin-section";
    }

    @Override
    public List<Link> links(Locale locale) {
        Caller caller = plugins.caller().orElse(null);
        if (caller == null) {
            return List.of();
        }
        return host.views().stream()
                .filter(v -> plugins.shown(caller, v.pluginId(), v.view().roles()))
                .map(v ->
                        new Link(v.view().title(locale), PluginRoutes.path(v.pluginId(), v.view()), VaadinIcon.CONNECT))
                .toList();
    }
}
