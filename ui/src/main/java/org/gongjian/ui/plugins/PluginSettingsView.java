package org.gongjian.ui.plugins;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.SettingDefinition;
import org.gongjian.pluginsettings.PluginSettingsService;
import org.gongjian.pluginsettings.PluginSettingsService.Setting;
import org.gongjian.pluginsettings.PluginSettingsService.Source;
import org.gongjian.pluginsettings.SettingRules;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.security.Home;

/**
 * 插件设置: the form of a plugin's settings at an organization of the caller's subtree, drawn from
 * the plugin's definitions with the captions of its own bundle. Each field says where its value
 * comes from (the organization's own, an ancestor's, the plugin's default); administrators of the
 * organization change values, checked as they type by the service's own rules, and saving is
 * audited by the service; staff read. Route: {@code plugin-settings/<pluginId>}, or {@code
 * plugin-settings} for the first plugin with settings; a picker switches between plugins.
 */
@Route(value = "plugin-settings", layout = MainLayout.class)
@Prototype
final class PluginSettingsView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final PluginSettingsService settings;
    private final Organizations organizations;
    private final Callers callers;
    private final ComboBox<OrganizationNode> organization = new ComboBox<>();
    private final FormLayout form = new FormLayout();
    private final Button save = new Button();
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private String pluginId;
    private Caller caller;
    private PluginSettingsService.Definitions definitions;
    private ResourceBundle captions;

    PluginSettingsView(PluginSettingsService settings, Organizations organizations, Callers callers) {
        this.settings = settings;
        this.organizations = organizations;
        this.callers = callers;
        setId("plugin-settings");
    }

    /** One drawn setting: its input, its source line, and its "inherit again" button. */
    private record Field(SettingDefinition definition, Component input, Span source, Button inherit) {}

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String parameter) {
        Optional<Caller> signedIn = CurrentUser.get().map(u -> callers.forUser(u.id()));
        List<String> plugins = settings.pluginsWithSettings();
        if (parameter == null && !plugins.isEmpty()) {
            parameter = plugins.getFirst();
        }
        Optional<PluginSettingsService.Definitions> declared =
                parameter == null ? Optional.empty() : settings.definitions(parameter);
        if (signedIn.isEmpty() || signedIn.get().readablePaths().isEmpty() || declared.isEmpty()) {
            event.forwardTo(Home.PATH);
            return;
        }
        pluginId = parameter;
        caller = signedIn.get();
        definitions = declared.get();
        captions = settings.captions(pluginId, getLocale()).orElse(null);
        build(plugins);
    }

    private void build(List<String> plugins) {
        removeAll();
        Select<String> plugin = new Select<>();
        plugin.setId("plugin-settings-plugin");
        plugin.setLabel(getTranslation("plugin-settings.plugin"));
        plugin.setItems(plugins);
        plugin.setValue(pluginId);
        plugin.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate("plugin-settings/" + e.getValue()));
            }
        });
        fields.clear();
        form.removeAll();
        List<OrganizationNode> nodes = new ArrayList<>();
        organizations.tree(caller).forEach(root -> flatten(root, nodes));
        organization.setId("plugin-settings-organization");
        organization.setLabel(getTranslation("plugin-settings.organization"));
        organization.setItems(nodes);
        organization.setItemLabelGenerator(OrganizationNode::name);
        organization.setWidth("min(28rem, 100%)");
        organization.addValueChangeListener(e -> show());
        for (SettingDefinition d : definitions.byKey().values()) {
            Component input = input(d);
            Span source = new Span();
            source.setId("plugin-setting-" + d.key() + "-source");
            source.addClassName("gj-line-note");
            Button inherit = new Button(getTranslation("plugin-settings.inherit"));
            inherit.setId("plugin-setting-" + d.key() + "-inherit");
            inherit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            inherit.addClickListener(e -> change(singleDrop(d.key())));
            fields.put(d.key(), new Field(d, input, source, inherit));
            form.add(new VerticalLayout(input, source, inherit));
        }
        save.setText(getTranslation("plugin-settings.save"));
        save.setId("plugin-settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        add(
                new H2(getTranslation("plugin-settings.title", pluginId)),
                new Paragraph(getTranslation("plugin-settings.intro")),
                plugin,
                organization,
                form,
                save);
        if (!nodes.isEmpty()) {
            organization.setValue(nodes.getFirst());
        }
    }

    private Component input(SettingDefinition d) {
        String id = "plugin-setting-" + d.key();
        String label = caption(d.labelKey());
        return switch (d.type()) {
            case BOOLEAN -> {
                Checkbox box = new Checkbox(label);
                box.setId(id);
                yield box;
            }
            case CHOICE -> {
                Select<String> select = new Select<>();
                select.setId(id);
                select.setLabel(label);
                select.setItems(d.choices());
                select.setItemLabelGenerator(v -> caption(d.labelKey() + "." + v));
                yield select;
            }
            default -> {
                TextField text = new TextField(label);
                text.setId(id);
                text.setWidth("min(28rem, 100%)");
                text.setValueChangeMode(ValueChangeMode.EAGER);
                text.addValueChangeListener(e -> check(d, text));
                yield text;
            }
        };
    }

    /** Shows the values in force at the chosen organization; editable for its administrators. */
    private void show() {
        OrganizationNode org = organization.getValue();
        if (org == null) {
            return;
        }
        boolean manager = caller.mayManage(org.path());
        for (Setting s : settings.read(caller, pluginId, org.id()).settings()) {
            Field field = fields.get(s.key());
            if (field == null) {
                continue;
            }
            setValue(field.input(), s.value());
            if (field.input() instanceof HasValidation v) {
                v.setInvalid(false);
            }
            field.source().setText(source(s));
            field.inherit().setVisible(manager && s.source() == Source.OWN);
            if (field.input() instanceof com.vaadin.flow.component.HasValue<?, ?> value) {
                value.setReadOnly(!manager);
            }
        }
        save.setVisible(manager);
    }

    private String source(Setting s) {
        String inherited = s.inheritedSource() == Source.DEFAULT
                ? getTranslation("plugin-settings.source.default", shown(s, s.inheritedValue()))
                : getTranslation(
                        "plugin-settings.source.inherited", s.inheritedFromName(), shown(s, s.inheritedValue()));
        return s.source() == Source.OWN ? getTranslation("plugin-settings.source.own", inherited) : inherited;
    }

    /** A value as the form shows it: a choice by its caption, a yes/no in words. */
    private String shown(Setting s, String value) {
        return switch (SettingDefinition.Type.valueOf(s.type())) {
            case CHOICE -> caption(s.labelKey() + "." + value);
            case BOOLEAN -> getTranslation("true".equals(value) ? "plugin-settings.yes" : "plugin-settings.no");
            default -> value;
        };
    }

    private boolean check(SettingDefinition d, TextField text) {
        Optional<SettingRules.Problem> problem = SettingRules.check(d, text.getValue());
        text.setInvalid(problem.isPresent());
        text.setErrorMessage(problem.map(
                        p -> getTranslation("error." + p.code(), p.arguments().toArray()))
                .orElse(null));
        return problem.isEmpty();
    }

    /** Saves the values that differ from those in force; nothing when one is refused. */
    private void save() {
        OrganizationNode org = organization.getValue();
        if (org == null) {
            return;
        }
        boolean valid = true;
        for (Field f : fields.values()) {
            if (f.input() instanceof TextField text) {
                valid &= check(f.definition(), text);
            }
        }
        if (!valid) {
            return;
        }
        Map<String, String> inForce = new HashMap<>();
        settings.read(caller, pluginId, org.id()).settings().forEach(s -> inForce.put(s.key(), s.value()));
        Map<String, String> changed = new HashMap<>();
        fields.forEach((key, f) -> {
            String value = value(f.input());
            if (value != null && !value.equals(inForce.get(key))) {
                changed.put(key, value);
            }
        });
        change(changed);
    }

    private void change(Map<String, String> values) {
        OrganizationNode org = organization.getValue();
        try {
            settings.change(caller, pluginId, org.id(), values);
            show();
            Notification.show(getTranslation("plugin-settings.saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException e) {
            Field field = fields.get(e.field());
            if (field != null && field.input() instanceof HasValidation v) {
                v.setInvalid(true);
                v.setErrorMessage(getTranslation("error." + e.code(), e.arguments()));
            }
        } catch (ForbiddenException | NotFoundException e) {
            Notification.show(getTranslation("error.forbidden")).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static Map<String, String> singleDrop(String key) {
        Map<String, String> drop = new HashMap<>();
        drop.put(key, null);
        return drop;
    }

    @SuppressWarnings("unchecked")
    private static void setValue(Component input, String value) {
        switch (input) {
            case Checkbox box -> box.setValue("true".equals(value));
            case TextField text -> text.setValue(value);
            default -> ((AbstractField<?, String>) input).setValue(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static String value(Component input) {
        return switch (input) {
            case Checkbox box -> Boolean.toString(box.getValue());
            case TextField text -> text.getValue();
            default -> ((AbstractField<?, String>) input).getValue();
        };
    }

    private String caption(String key) {
        try {
            return captions == null ? key : captions.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private static void flatten(OrganizationNode node, List<OrganizationNode> into) {
        into.add(node);
        node.children().forEach(child -> flatten(child, into));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("plugin-settings.title", pluginId == null ? "" : pluginId) + " · "
                + getTranslation("app.name");
    }
}
