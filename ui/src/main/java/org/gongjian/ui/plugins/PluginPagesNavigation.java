package org.gongjian.ui.plugins;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.gongjian.plugins.PluginHost;
import org.gongjian.ui.layout.NavigationSection;

/** 扩展功能 in the menu: the pages of the plugins started now, titled in the user's language. */
@Singleton
final class PluginPagesNavigation implements NavigationSection {

    private final PluginHost host;

    PluginPagesNavigation(PluginHost host) {
        this.host = host;
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
        return host.views().stream()
                .map(v ->
                        new Link(v.view().title(locale), PluginRoutes.path(v.pluginId(), v.view()), VaadinIcon.CONNECT))
                .toList();
    }
}
