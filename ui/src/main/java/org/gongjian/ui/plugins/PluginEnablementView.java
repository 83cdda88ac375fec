package org.gongjian.ui.plugins;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Role;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.Home;

/**
 * 插件启用: for an organization of the caller's subtree, every installed plugin on or off, and where
 * that comes from (the organization's own setting, a parent's, or the platform's default). An
 * administrator turns a plugin on or off for the subtree, or lets the organization follow its
 * parents again.
 */
@Route(value = "plugin-enablement", layout = MainLayout.class)
@Prototype
final class PluginEnablementView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final PluginEnablement enablement;
    private final Organizations organizations;
    private final PluginUi plugins;
    private final Select<OrganizationNode> organization = new Select<>();
    private final Grid<PluginEnablement.Status> grid = new Grid<>();
    private Caller caller;

    PluginEnablementView(PluginEnablement enablement, Organizations organizations, PluginUi plugins) {
        this.enablement = enablement;
        this.organizations = organizations;
        this.plugins = plugins;
        setId("plugin-enablement");
        organization.setId("plugin-enablement-organization");
        organization.setLabel(getTranslation("plugin-enablement.organization"));
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        organization.addValueChangeListener(e -> refresh());
        grid.setId("plugin-enablement-grid");
        grid.addColumn(PluginEnablement.Status::pluginId)
                .setHeader(getTranslation("plugins.id"))
                .setAutoWidth(true);
        grid.addColumn(s -> getTranslation("plugins.state." + s.state()))
                .setHeader(getTranslation("plugins.state"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::toggle).setKey("enabled").setHeader(getTranslation("plugin-enablement.enabled"));
        grid.addColumn(this::source)
                .setHeader(getTranslation("plugin-enablement.source"))
                .setFlexGrow(1);
        grid.addComponentColumn(this::follow).setKey("follow").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        add(
                new H2(getTranslation("plugin-enablement.title")),
                new Paragraph(getTranslation("plugin-enablement.intro")),
                organization,
                grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        caller = plugins.caller().orElse(null);
        if (caller == null || !(caller.isPlatformAdmin() || caller.has(Role.ORG_ADMIN))) {
            Home.forward(event);
            return;
        }
        List<OrganizationNode> choices = OrganizationChoices.flatten(organizations.tree(caller)).stream()
                .filter(o -> caller.mayManage(o.path()))
                .toList();
        organization.setItems(choices);
        if (!choices.isEmpty()) {
            organization.setValue(choices.getFirst());
        }
    }

    private void refresh() {
        OrganizationNode org = organization.getValue();
        grid.setItems(org == null ? List.of() : enablement.at(caller, org.id()));
    }

    private Checkbox toggle(PluginEnablement.Status status) {
        Checkbox box = new Checkbox(status.enabled());
        box.setId("plugin-enablement-" + status.pluginId());
        box.setAriaLabel(getTranslation("plugin-enablement.enabled") + " " + status.pluginId());
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                change(() -> enablement.set(caller, organization.getValue().id(), status.pluginId(), e.getValue()));
            }
        });
        return box;
    }

    private Button follow(PluginEnablement.Status status) {
        Button button = new Button(getTranslation("plugin-enablement.follow"));
        button.setId("plugin-enablement-follow-" + status.pluginId());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.setVisible(status.own() != null);
        button.addClickListener(e ->
                change(() -> enablement.clear(caller, organization.getValue().id(), status.pluginId())));
        return button;
    }

    private String source(PluginEnablement.Status status) {
        if (status.own() != null) {
            return getTranslation("plugin-enablement.source.own");
        }
        if (status.definedBy() != null) {
            return getTranslation("plugin-enablement.source.inherited", status.definedByName());
        }
        return getTranslation(
                status.defaultEnabled()
                        ? "plugin-enablement.source.default-on"
                        : "plugin-enablement.source.default-off");
    }

    private void change(Runnable action) {
        try {
            action.run();
        } catch (ForbiddenException e) {
            Notification.show(ErrorMessages.of(this, e.code()));
        }
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("plugin-enablement.title") + " · " + getTranslation("app.name");
    }
}
