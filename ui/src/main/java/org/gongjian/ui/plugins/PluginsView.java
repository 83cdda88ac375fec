package org.gongjian.ui.plugins;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.access.Caller;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.AdminOnly;

/**
 * Every plugin with its version and state (a failed plugin shows why), and its default: on
 * everywhere or nowhere, unless an organization sets it.
 */
@Route(value = "plugins", layout = MainLayout.class)
@AdminOnly
@Prototype
final class PluginsView extends VerticalLayout implements HasDynamicTitle {

    private final PluginEnablement enablement;
    private final PluginUi plugins;

    PluginsView(PluginHost host, PluginEnablement enablement, PluginUi plugins) {
        this.enablement = enablement;
        this.plugins = plugins;
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
        grid.addComponentColumn(this::defaultToggle)
                .setKey("default")
                .setHeader(getTranslation("plugins.default"))
                .setAutoWidth(true);
        grid.addColumn(p -> p.error() == null ? "" : p.error())
                .setHeader(getTranslation("plugins.error"))
                .setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(host.list());
        grid.setAllRowsVisible(true);
        add(new H2(getTranslation("plugins.title")), new Paragraph(getTranslation("plugins.intro")), grid);
    }

    /** The platform's default for the plugin: on everywhere, or nowhere, unless an organization sets it. */
    private Checkbox defaultToggle(PluginInfo plugin) {
        Caller caller = plugins.caller().orElseThrow();
        Checkbox box = new Checkbox(enablement.defaultOf(caller, plugin.id()).enabled());
        box.setId("plugin-default-" + plugin.id());
        box.setAriaLabel(getTranslation("plugins.default") + " " + plugin.id());
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                enablement.setDefault(caller, plugin.id(), e.getValue());
            }
        });
        return box;
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
