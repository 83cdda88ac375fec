package org.gongjian.ui.plugins;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.micronaut.context.annotation.Prototype;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginInstaller;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.AdminOnly;

/**
 * The platform administrator's plugins: upload a signed jar to install or upgrade one, switch a
 * plugin off and on, uninstall it (keeping its data or not), and set its default. Each plugin shows
 * its version, state, where it comes from and, when it failed, why, in the user's language.
 */
@Route(value = "plugins", layout = MainLayout.class)
@AdminOnly
@Prototype
final class PluginsView extends VerticalLayout implements HasDynamicTitle {

    private final PluginHost host;
    private final PluginInstaller installer;
    private final PluginEnablement enablement;
    private final PluginUi plugins;
    private final Grid<PluginInfo> grid = new Grid<>();
    private final Upload upload = new Upload();
    private final Span uploadError = new Span();

    PluginsView(PluginHost host, PluginInstaller installer, PluginEnablement enablement, PluginUi plugins) {
        this.host = host;
        this.installer = installer;
        this.enablement = enablement;
        this.plugins = plugins;
        setId("plugins");
        setSizeFull();
        grid.setId("plugins-grid");
        grid.addComponentColumn(PluginsView::name)
                .setKey("name")
                .setHeader(getTranslation("plugins.id"))
                .setWidth("16em")
                .setFlexGrow(1);
        grid.addColumn(PluginInfo::version)
                .setHeader(getTranslation("plugins.version"))
                .setAutoWidth(true);
        grid.addComponentColumn(p -> state(p.state()))
                .setHeader(getTranslation("plugins.state"))
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation("plugins.source." + p.source()))
                .setKey("source")
                .setHeader(getTranslation("plugins.source"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::defaultToggle)
                .setKey("default")
                .setHeader(getTranslation("plugins.default"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions)
                .setKey("actions")
                .setHeader(getTranslation("plugins.actions"))
                .setAutoWidth(true);
        grid.addColumn(this::problem)
                .setKey("problem")
                .setHeader(getTranslation("plugins.error"))
                .setWidth("12em")
                .setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        refresh();

        upload.setId("plugin-upload");
        upload.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> receive(meta.fileName(), bytes)));
        upload.setAcceptedFileTypes(".jar", "application/java-archive");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) PluginInstaller.MAX_JAR_BYTES);
        upload.setI18n(uploadTexts());
        upload.addFileRejectedListener(e -> showUploadError(e.getErrorMessage()));
        upload.addAllFinishedListener(e -> upload.clearFileList());
        uploadError.setId("plugin-upload-error");
        uploadError.getStyle().set("color", "var(--lumo-error-text-color)");
        uploadError.setVisible(false);
        add(
                new H2(getTranslation("plugins.title")),
                new Paragraph(getTranslation("plugins.intro")),
                upload,
                uploadError,
                grid);
    }

    /** Installs or upgrades the uploaded jar; a refusal is shown in the user's language. */
    void receive(String fileName, byte[] content) {
        uploadError.setVisible(false);
        if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            showUploadError(ErrorMessages.of(this, "PLUGIN_NOT_A_JAR"));
            return;
        }
        java.util.Set<String> before =
                host.list().stream().map(PluginInfo::id).collect(java.util.stream.Collectors.toSet());
        try {
            PluginInfo installed = installer.install(caller(), new ByteArrayInputStream(content));
            boolean upgraded = before.contains(installed.id());
            success(getTranslation(
                    upgraded ? "plugins.upgraded" : "plugins.installed", display(installed), installed.version()));
        } catch (InvalidInputException refused) {
            showUploadError(ErrorMessages.of(this, refused.code(), refused.arguments()));
        } catch (ForbiddenException refused) {
            showUploadError(getTranslation("access.denied"));
        }
        refresh();
    }

    private HorizontalLayout actions(PluginInfo plugin) {
        Button switchButton = new Button(getTranslation(plugin.enabled() ? "plugins.switch-off" : "plugins.switch-on"));
        switchButton.setId("plugin-switch-" + plugin.id());
        switchButton.addClickListener(e -> confirmSwitch(plugin));
        HorizontalLayout actions = new HorizontalLayout(switchButton);
        if (PluginInfo.UPLOADED.equals(plugin.source())) {
            Button uninstall = new Button(getTranslation("plugins.uninstall"));
            uninstall.setId("plugin-uninstall-" + plugin.id());
            uninstall.addThemeVariants(ButtonVariant.LUMO_ERROR);
            uninstall.addClickListener(e -> confirmUninstall(plugin));
            actions.add(uninstall);
        }
        actions.setSpacing(true);
        return actions;
    }

    private void confirmSwitch(PluginInfo plugin) {
        if (!plugin.enabled()) {
            act(
                    () -> installer.switchOn(caller(), plugin.id()),
                    getTranslation("plugins.switched-on", display(plugin)));
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("plugin-switch-confirm");
        confirm.setHeader(getTranslation("plugins.switch-off.title", display(plugin)));
        confirm.setText(getTranslation("plugins.switch-off.text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("plugins.cancel"));
        confirm.setConfirmText(getTranslation("plugins.switch-off"));
        confirm.addConfirmListener(e -> act(
                () -> installer.switchOff(caller(), plugin.id()),
                getTranslation("plugins.switched-off", display(plugin))));
        confirm.open();
    }

    /** Asks whether to keep the plugin's data: keeping is the default, deleting needs a tick. */
    private void confirmUninstall(PluginInfo plugin) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("plugin-uninstall-confirm");
        confirm.setHeader(getTranslation("plugins.uninstall.title", display(plugin)));
        Checkbox deleteData = new Checkbox(getTranslation("plugins.uninstall.delete-data"));
        deleteData.setId("plugin-uninstall-delete-data");
        VerticalLayout text = new VerticalLayout(new Paragraph(getTranslation("plugins.uninstall.text")), deleteData);
        text.setPadding(false);
        confirm.setText(text);
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("plugins.cancel"));
        confirm.setConfirmText(getTranslation("plugins.uninstall"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> act(
                () -> {
                    installer.uninstall(caller(), plugin.id(), !deleteData.getValue());
                    return null;
                },
                getTranslation(
                        deleteData.getValue() ? "plugins.uninstalled.deleted" : "plugins.uninstalled.kept",
                        display(plugin))));
        confirm.open();
    }

    private void act(java.util.function.Supplier<?> action, String done) {
        try {
            action.get();
            success(done);
        } catch (InvalidInputException refused) {
            error(ErrorMessages.of(this, refused.code(), refused.arguments()));
        } catch (ForbiddenException | NotFoundException refused) {
            error(ErrorMessages.of(this, "unknown"));
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(host.list());
    }

    /** Why a plugin failed, in the user's language (the English reason is in the server's log). */
    private String problem(PluginInfo plugin) {
        if (plugin.errorCode() == null) {
            return "";
        }
        return ErrorMessages.of(this, plugin.errorCode());
    }

    /** The platform's default for the plugin: on everywhere, or nowhere, unless an organization sets it. */
    private Checkbox defaultToggle(PluginInfo plugin) {
        Caller caller = caller();
        Checkbox box = new Checkbox(enablement.defaultOf(caller, plugin.id()).enabled());
        box.setId("plugin-default-" + plugin.id());
        box.setAriaLabel(getTranslation("plugins.default") + " " + display(plugin));
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                enablement.setDefault(caller, plugin.id(), e.getValue());
            }
        });
        return box;
    }

    private Caller caller() {
        return plugins.caller().orElseThrow();
    }

    /** How notifications and dialogs name a plugin: its own description, else its id. */
    private static String display(PluginInfo plugin) {
        return plugin.description() == null ? plugin.id() : plugin.description();
    }

    /** The plugin's own description (what a secretary recognises), with its id below in small print. */
    private static VerticalLayout name(PluginInfo plugin) {
        Span title = new Span(display(plugin));
        title.getStyle().set("font-weight", "600");
        Span id = new Span(plugin.id());
        id.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        VerticalLayout name = new VerticalLayout(title, id);
        name.setPadding(false);
        name.setSpacing(false);
        return name;
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

    private void showUploadError(String text) {
        uploadError.setText(text);
        uploadError.setVisible(true);
    }

    private static void success(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private UploadI18N uploadTexts() {
        UploadI18N i18n = new UploadI18N();
        i18n.setDropFiles(new UploadI18N.DropFiles()
                .setOne(getTranslation("plugins.upload.drop"))
                .setMany(getTranslation("plugins.upload.drop")));
        i18n.setAddFiles(new UploadI18N.AddFiles()
                .setOne(getTranslation("plugins.upload.add"))
                .setMany(getTranslation("plugins.upload.add")));
        i18n.setError(new UploadI18N.Error()
                .setTooManyFiles(getTranslation("plugins.upload.too-many"))
                .setFileIsTooBig(ErrorMessages.of(this, "PLUGIN_TOO_LARGE"))
                .setIncorrectFileType(ErrorMessages.of(this, "PLUGIN_NOT_A_JAR")));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("plugins.title") + " · " + getTranslation("app.name");
    }
}
