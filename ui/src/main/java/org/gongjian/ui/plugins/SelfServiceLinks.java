package org.gongjian.ui.plugins;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gongjian.access.Caller;

/**
 * The self-service pages of plugins (更多服务) on the volunteer's own page: one large link per page
 * that is on for the volunteer's organization; nothing when there is none.
 */
@Singleton
public final class SelfServiceLinks {

    private final PluginRoutes routes;
    private final PluginUi plugins;

    SelfServiceLinks(PluginRoutes routes, PluginUi plugins) {
        this.routes = routes;
        this.plugins = plugins;
    }

    public Optional<Component> links(Caller caller, Locale locale) {
        List<PluginRoutes.ContributedSelfService> pages = routes.selfServicePages().stream()
                .filter(p -> plugins.selfServiceShown(caller, p.pluginId()))
                .toList();
        if (pages.isEmpty()) {
            return Optional.empty();
        }
        Div list = new Div();
        list.setId("self-service-pages");
        list.addClassName("gj-self-service");
        H3 title = new H3(list.getTranslation("me.plugins"));
        list.add(title);
        for (PluginRoutes.ContributedSelfService page : pages) {
            Anchor link = new Anchor(
                    PluginRoutes.path(page.pluginId(), page.page()), page.page().title(locale));
            link.setId("self-service-" + page.pluginId() + "-" + page.page().path());
            link.getElement().setAttribute("router-link", true);
            link.addClassName("gj-self-service-link");
            list.add(new Div(link));
        }
        return Optional.of(list);
    }
}
