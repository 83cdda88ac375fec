package org.gongjian.ui.plugins;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.plugins.LifecyclePluginJars;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.gongjian.plugins.PluginInstaller;
import org.gongjian.security.Accounts;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform administrator installs, upgrades, switches off and on, and uninstalls a real plugin jar
 * on the plugins page, and reads every refusal in Chinese.
 */
@MicronautTest(transactional = false)
class PluginsViewIT {

    private static final String PASSWORD = "plugins-view-password-1";
    private static final AtomicInteger RUN = new AtomicInteger();

    @Inject
    ApplicationContext context;

    @Inject
    Accounts accounts;

    @Inject
    PluginHost host;

    @Inject
    PluginInstaller installer;

    @TempDir
    Path dir;

    String id;

    @BeforeEach
    void a_platform_administrator_on_the_plugins_page() {
        int run = RUN.incrementAndGet();
        id = "ui-life-" + run;
        String username = "plugins-view-" + run;
        accounts.createUser(username, PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
        UI.getCurrent().navigate("plugins");
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
        if (host.find(id).filter(p -> PluginInfo.UPLOADED.equals(p.source())).isPresent()) {
            installer.uninstall(Caller.system(), id, false);
        }
        host.unload(id);
    }

    @Test
    void a_jar_is_installed_upgraded_and_a_downgrade_is_refused_in_chinese() throws Exception {
        view().receive("plugin.jar", jar("1.0.0"));

        NotificationsKt.expectNotifications("已安装插件 Test plugin " + id + "，版本 1.0.0");
        assertThat(row().version()).isEqualTo("1.0.0");
        assertThat(row().state()).isEqualTo("STARTED");
        assertThat(formattedRow()).contains("上传安装", "运行中");

        view().receive("plugin-2.jar", jar("2.0.0"));
        NotificationsKt.expectNotifications("插件 Test plugin " + id + " 已升级到版本 2.0.0");
        assertThat(row().version()).isEqualTo("2.0.0");

        view().receive("plugin.jar", jar("1.0.0"));
        Span error = _get(Span.class, s -> s.withId("plugin-upload-error"));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("版本 1.0.0 不比正在运行的版本 2.0.0 新：不能降级或重复安装");
        assertThat(row().version()).isEqualTo("2.0.0");

        view().receive("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(error.getText()).isEqualTo("该文件不是插件文件（.jar），或文件已损坏");
        view().receive("broken.jar", "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThat(error.getText()).isEqualTo("该文件不是插件文件（.jar），或文件已损坏");
    }

    @Test
    void a_plugin_is_switched_off_after_a_confirmation_and_on_again() throws Exception {
        view().receive("plugin.jar", jar("1.0.0"));

        _click(action("plugin-switch-"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("plugin-switch-confirm")));
        assertThat(row().state()).isEqualTo("DISABLED");
        assertThat(formattedRow()).contains("已禁用");

        _click(action("plugin-switch-"));
        assertThat(row().state()).isEqualTo("STARTED");
    }

    @Test
    void uninstalling_keeps_the_data_unless_the_administrator_ticks_delete() throws Exception {
        view().receive("plugin.jar", jar("1.0.0"));
        NotificationsKt.clearNotifications();

        _click(action("plugin-uninstall-"));
        _setValue(_get(Checkbox.class, s -> s.withId("plugin-uninstall-delete-data")), true);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("plugin-uninstall-confirm")));

        NotificationsKt.expectNotifications("插件 Test plugin " + id + " 已卸载，数据已删除");
        assertThat(host.find(id)).isEmpty();
        assertThat(grid().getListDataView().getItems().map(PluginInfo::id)).doesNotContain(id);
    }

    private PluginsView view() {
        return _get(PluginsView.class);
    }

    @SuppressWarnings("unchecked")
    private Grid<PluginInfo> grid() {
        return _get(Grid.class, s -> s.withId("plugins-grid"));
    }

    private int rowIndex() {
        var items = grid().getListDataView().getItems().toList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("No row for " + id + " in " + items);
    }

    private PluginInfo row() {
        return GridKt._get(grid(), rowIndex());
    }

    private String formattedRow() {
        return String.join(" | ", GridKt._getFormattedRow(grid(), rowIndex()));
    }

    /** A button of the plugin's row, in the grid's actions column. */
    private Button action(String idPrefix) {
        var cell = GridKt._getCellComponent(grid(), rowIndex(), "actions");
        return cell.getChildren()
                .filter(c -> c.getId().orElse("").equals(idPrefix + id))
                .map(Button.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No button " + idPrefix + id));
    }

    private byte[] jar(String version) throws Exception {
        return Files.readAllBytes(LifecyclePluginJars.write(id, version, dir));
    }
}
