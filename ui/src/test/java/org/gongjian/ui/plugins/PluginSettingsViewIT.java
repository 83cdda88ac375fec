package org.gongjian.ui.plugins;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.SvcPluginJars;
import org.gongjian.pluginsettings.PluginSettingsService;
import org.gongjian.pluginsettings.PluginSettingsService.Setting;
import org.gongjian.pluginsettings.PluginSettingsService.Source;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated settings form of a real plugin jar against the real service: captions from the
 * plugin's bundle, where each value comes from, input checked as the administrator types with the
 * service's rules, a save that is stored and audited, inheriting again, and staff who only read.
 */
@MicronautTest(transactional = false)
class PluginSettingsViewIT {

    private static final String PASSWORD = "a-long-password-1";
    private static final String PLUGIN = "ui-settings";

    @Inject
    ApplicationContext context;

    @Inject
    PluginHost host;

    @Inject
    Organizations organizations;

    @Inject
    PluginSettingsService settings;

    @Inject
    AuditLog audit;

    @Inject
    IdGenerator ids;

    @TempDir
    Path dir;

    private String prefix;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
        host.unload(PLUGIN);
    }

    private Organization community() {
        host.load(SvcPluginJars.settings(PLUGIN, dir));
        prefix = "pset" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "社区");
        KaribuSupport.userWithRole(context, prefix + "secretary", PASSWORD, Role.ORG_ADMIN, community.id());
        KaribuSupport.userWithRole(context, prefix + "staff", PASSWORD, Role.ORG_STAFF, community.id());
        return community;
    }

    @Test
    void an_administrator_sees_the_inherited_value_is_checked_as_she_types_and_saves_her_own() {
        Organization community = community();
        Organization street = organizations.find(community.parentId()).orElseThrow();
        settings.change(Caller.system(), PLUGIN, street.id(), Map.of("pickupDays", "7"));
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("plugin-settings/" + PLUGIN);

        assertThat(text("pickupDays").getLabel()).isEqualTo("取货天数");
        assertThat(text("pickupDays").getValue()).isEqualTo("7");
        assertThat(source("pickupDays")).isEqualTo("沿用上级组织“" + street.name() + "”的值：7");
        assertThat(source("pointsPerHour")).isEqualTo("插件默认值：1.0");
        assertThat(source("mode")).isEqualTo("插件默认值：柜台");

        _setValue(text("pickupDays"), "1.5");
        assertThat(text("pickupDays").isInvalid()).isTrue();
        assertThat(text("pickupDays").getErrorMessage()).isEqualTo("须为整数（不能有小数）");
        _setValue(text("pickupDays"), "31");
        assertThat(text("pickupDays").getErrorMessage()).isEqualTo("不能大于 30");
        _click(save());
        assertThat(setting(community, "pickupDays").source())
                .as("bad input saves nothing")
                .isEqualTo(Source.INHERITED);

        _setValue(text("pickupDays"), "5");
        assertThat(text("pickupDays").isInvalid()).isFalse();
        @SuppressWarnings("unchecked")
        Select<String> mode = _get(Select.class, s -> s.withId("plugin-setting-mode"));
        _setValue(mode, "PHONE");
        _setValue(_get(Checkbox.class, s -> s.withId("plugin-setting-volunteersOnly")), true);
        _click(save());

        NotificationsKt.expectNotifications("插件设置已保存");
        assertThat(setting(community, "pickupDays").value()).isEqualTo("5");
        assertThat(setting(community, "mode").value()).isEqualTo("PHONE");
        assertThat(setting(community, "volunteersOnly").value()).isEqualTo("true");
        assertThat(setting(community, "notice").source())
                .as("unchanged fields stay inherited")
                .isEqualTo(Source.DEFAULT);
        assertThat(source("pickupDays")).isEqualTo("本组织自己的值（不设时：沿用上级组织“" + street.name() + "”的值：7）");
        assertThat(audit.latest(Caller.system(), new AuditFilter(PluginSettingsService.CHANGED, null, null, null), 50))
                .anySatisfy(e -> assertThat(e.organizationId()).isEqualTo(community.id()));

        _click(_get(Button.class, s -> s.withId("plugin-setting-pickupDays-inherit")));
        assertThat(setting(community, "pickupDays").source()).isEqualTo(Source.INHERITED);
        assertThat(text("pickupDays").getValue()).isEqualTo("7");
    }

    @Test
    void staff_read_the_settings_without_changing_them() {
        community();
        signIn("staff", Messages.CHINESE);
        UI.getCurrent().navigate("plugin-settings/" + PLUGIN);

        assertThat(text("pickupDays").isReadOnly()).isTrue();
        assertThat(text("pickupDays").getValue()).isEqualTo("3");
        _assertNone(Button.class, s -> s.withId("plugin-settings-save"));
    }

    @Test
    void the_form_speaks_english_with_the_plugins_english_captions() {
        community();
        signIn("secretary", Messages.ENGLISH);
        UI.getCurrent().navigate("plugin-settings/" + PLUGIN);

        assertThat(text("pickupDays").getLabel()).isEqualTo("Pickup days");
        assertThat(source("pickupDays")).isEqualTo("Default of the plugin: 3");
        _setValue(text("pointsPerHour"), "1.25");
        assertThat(text("pointsPerHour").getErrorMessage())
                .isEqualTo("Must be a number with at most one decimal place");
    }

    @Test
    void the_page_without_a_plugin_opens_the_first_plugin_with_settings_from_the_menu() {
        community();
        signIn("staff", Messages.ENGLISH);
        UI.getCurrent().navigate("plugin-settings");

        @SuppressWarnings("unchecked")
        Select<String> plugin = _get(Select.class, s -> s.withId("plugin-settings-plugin"));
        assertThat(plugin.getValue())
                .as("the first plugin with settings in id order: the bundled hello")
                .isEqualTo("hello");
        assertThat(plugin.getListDataView().getItems()).contains("hello", PLUGIN);
        _get(com.vaadin.flow.component.sidenav.SideNavItem.class, s -> s.withId("nav-plugin-settings"));
        UI.getCurrent().navigate("plugin-settings/" + PLUGIN);
        assertThat(text("pickupDays").getValue()).isEqualTo("3");
    }

    @Test
    void a_plugin_without_settings_sends_the_user_home() {
        community();
        signIn("secretary", Messages.CHINESE);
        UI.getCurrent().navigate("plugin-settings/no-such-plugin");

        _assertNone(TextField.class, s -> s.withId("plugin-setting-pickupDays"));
    }

    private Setting setting(Organization org, String key) {
        return settings.read(Caller.system(), PLUGIN, org.id()).settings().stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static TextField text(String key) {
        return _get(TextField.class, s -> s.withId("plugin-setting-" + key));
    }

    private static String source(String key) {
        return _get(Span.class, s -> s.withId("plugin-setting-" + key + "-source"))
                .getText();
    }

    private static Button save() {
        return _get(Button.class, s -> s.withId("plugin-settings-save"));
    }

    private void signIn(String user, Locale locale) {
        KaribuSupport.setUp(context, locale);
        KaribuSupport.signIn(prefix + user, PASSWORD);
    }
}
