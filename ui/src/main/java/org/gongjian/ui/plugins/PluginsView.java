package org.gongjian.ui.plugins;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.AdminOnly;

/** Every plugin with its version and state; a failed plugin shows why. */
@Route(value = "plugins", layout = MainLayout.class)
@AdminOnly
@Prototype
final class PluginsView extends VerticalLayout implements HasDynamicTitle {

    PluginsView(PluginHost host) {
        setId("plugins");
        setSizeFull();
        Grid<PluginInfo> grid = new Grid<>();
        grid.setId("plugins-grid");
        grid.addColumn(PluginInfo::id).setHeader(getTranslation("plugins.id")).setAutoWidth(true);
        grid.addColumn(PluginInfo::version)
                .setHeader(getTranslation("plugins.version"))
                .setAutoWidth(true);
        grid.addComponentColumn(p -> state(p.state()))
                .setHeader(getTranslation("plugins.state"))
                .setAutoWidth(true);
        grid.addColumn(p -> p.description() == null ? "" : p.description())
                .setHeader(getTranslation("plugins.description"))
                .setFlexGrow(1);
        grid.addColumn(p -> p.error() == null ? "" : p.error())
                .setHeader(getTranslation("plugins.error"))
                .setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(host.list());
        grid.setAllRowsVisible(true);
        add(new H2(getTranslation("plugins.title")), new Paragraph(getTranslation("plugins.intro")), grid);
    }

    private Span state(String state) {
        Span badge = new Span(getTranslation("plugins.state." + state));
        badge.getElement().getThemeList().add("badge");
        if ("STARTED".equals(state)) {
            badge.getElement().getThemeList().add("success");
        } else if ("FAILED".equals(state)) {
            badge.getElement().getThemeList().add("error");
        }
        return badge;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("plugins.title") + " · " + getTranslation("app.name");
    }
}
