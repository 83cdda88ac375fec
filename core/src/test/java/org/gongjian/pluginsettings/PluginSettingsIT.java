package org.gongjian.pluginsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.Settings;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.SvcPluginJars;
import org.gongjian.pluginsettings.PluginSettingsService.Setting;
import org.gongjian.pluginsettings.PluginSettingsService.Source;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings a real plugin jar declares, set along a street → community → grid path, read by people
 * (service and API) and by the plugin (the SDK's Settings), against the embedded database.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginSettingsIT {

    private static final String PLUGIN = "svc-settings";

    @Inject
    PluginHost host;

    @Inject
    PluginSettingsService settings;

    @Inject
    PluginSettingsAdapter adapter;

    @Inject
    Organizations organizations;

    @Inject
    AuditLog audit;

    @Inject
    UserAdmin users;

    @Inject
    Callers callers;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private int names;

    @BeforeAll
    void load(@TempDir Path dir) {
        host.load(SvcPluginJars.settings(PLUGIN, dir));
    }

    @Test
    void a_stored_value_that_a_new_version_no_longer_allows_gives_way_to_the_inherited_one(@TempDir Path dir) {
        String plugin = "svc-upgraded";
        host.load(SvcPluginJars.settings(plugin, dir));
        try {
            Tree t = tree();
            settings.change(Caller.system(), plugin, t.street().id(), Map.of("pickupDays", "5"));
            settings.change(Caller.system(), plugin, t.community().id(), Map.of("pickupDays", "20", "notice", "旧公告"));

            host.unload(plugin);
            host.load(SvcPluginJars.stricterSettings(plugin, dir));

            List<Setting> now =
                    settings.read(Caller.system(), plugin, t.grid().id()).settings();
            assertThat(now).extracting(Setting::key).containsExactly("pickupDays");
            assertThat(now.getFirst().value())
                    .as("20 is above the new maximum: the street's 5 applies")
                    .isEqualTo("5");
            assertThat(now.getFirst().definedBy()).isEqualTo(t.street().id());
            assertThatThrownBy(() -> adapter.forPlugin(plugin).of(t.grid().id()).text("notice"))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            host.unload(plugin);
        }
    }

    @AfterAll
    void unload() {
        host.unload(PLUGIN);
    }

    record Tree(Organization street, Organization community, Organization grid, Organization sibling) {}

    private Tree tree() {
        int n = ++names;
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "设置街道" + n);
        Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "设置社区" + n);
        Organization grid = organizations.createChild(community, OrganizationKind.GRID, "设置网格" + n);
        Organization sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, "设置邻社区" + n);
        return new Tree(street, community, grid, sibling);
    }

    @Test
    void an_organization_uses_its_own_value_else_the_nearest_ancestors_else_the_default() {
        Tree t = tree();
        assertThat(setting(t.grid(), "pickupDays")).satisfies(s -> {
            assertThat(s.value()).isEqualTo("3");
            assertThat(s.source()).isEqualTo(Source.DEFAULT);
            assertThat(s.definedBy()).isNull();
        });

        change(t.street(), Map.of("pickupDays", "7"));
        assertThat(setting(t.grid(), "pickupDays")).satisfies(s -> {
            assertThat(s.value()).isEqualTo("7");
            assertThat(s.source()).isEqualTo(Source.INHERITED);
            assertThat(s.definedByName()).isEqualTo(t.street().name());
        });
        change(t.community(), Map.of("pickupDays", "5"));
        change(t.grid(), Map.of("pickupDays", "2"));

        assertThat(setting(t.grid(), "pickupDays")).satisfies(s -> {
            assertThat(s.value()).isEqualTo("2");
            assertThat(s.source()).isEqualTo(Source.OWN);
            assertThat(s.inheritedValue()).isEqualTo("5");
            assertThat(s.inheritedFromName()).isEqualTo(t.community().name());
        });
        assertThat(setting(t.street(), "pickupDays").source()).isEqualTo(Source.OWN);
        assertThat(setting(t.sibling(), "pickupDays").value()).isEqualTo("7");

        Map<String, String> drop = new HashMap<>();
        drop.put("pickupDays", null);
        change(t.community(), drop);
        change(t.grid(), drop);
        assertThat(setting(t.grid(), "pickupDays")).satisfies(s -> {
            assertThat(s.value()).isEqualTo("7");
            assertThat(s.definedBy()).isEqualTo(t.street().id());
        });
    }

    @Test
    void values_are_checked_strictly_and_a_refused_change_stores_nothing() {
        Tree t = tree();
        assertRefused(t, "pickupDays", "1.5", PluginSettingsErrors.NOT_INTEGER);
        assertRefused(t, "pickupDays", "1e1", PluginSettingsErrors.NOT_INTEGER);
        assertRefused(t, "pickupDays", "07", PluginSettingsErrors.NOT_INTEGER);
        assertRefused(t, "pickupDays", " 7", PluginSettingsErrors.NOT_INTEGER);
        assertRefused(t, "pickupDays", "0", PluginSettingsErrors.TOO_SMALL);
        assertRefused(t, "pickupDays", "31", PluginSettingsErrors.TOO_LARGE);
        assertRefused(t, "pointsPerHour", "1.25", PluginSettingsErrors.NOT_DECIMAL);
        assertRefused(t, "pointsPerHour", ".5", PluginSettingsErrors.NOT_DECIMAL);
        assertRefused(t, "pointsPerHour", "0.0", PluginSettingsErrors.TOO_SMALL);
        assertRefused(t, "volunteersOnly", "yes", PluginSettingsErrors.NOT_BOOLEAN);
        assertRefused(t, "volunteersOnly", "TRUE", PluginSettingsErrors.NOT_BOOLEAN);
        assertRefused(t, "notice", "一二三四五六七八九十一二三四五六七八九十一", PluginSettingsErrors.TOO_LONG);
        assertRefused(t, "notice", "换\n行", PluginSettingsErrors.VALUE_INVALID);
        assertRefused(t, "mode", "SHOP", PluginSettingsErrors.NOT_A_CHOICE);
        assertRefused(t, "nope", "1", PluginSettingsErrors.UNKNOWN);
        assertRefused(t, "broken", "5", PluginSettingsErrors.UNKNOWN);

        assertThatThrownBy(() -> change(t.community(), Map.of("pickupDays", "9", "mode", "SHOP")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(setting(t.community(), "pickupDays").source())
                .as("the valid value of a refused change is not stored either")
                .isEqualTo(Source.DEFAULT);
        assertThat(settings.read(Caller.system(), PLUGIN, t.community().id()).settings())
                .extracting(Setting::key)
                .as("a definition whose default breaks its own bounds is left out")
                .containsExactly("pickupDays", "pointsPerHour", "volunteersOnly", "notice", "mode");
    }

    @Test
    void every_type_is_stored_and_read_by_the_plugin_through_the_sdk() {
        Tree t = tree();
        change(t.street(), Map.of("pointsPerHour", "2.5", "volunteersOnly", "true", "notice", "周三开门", "mode", "PHONE"));
        change(t.community(), Map.of("pickupDays", "30"));

        Settings sdk = adapter.forPlugin(PLUGIN);
        Settings.Values values = sdk.of(t.grid().id());

        assertThat(values.integer("pickupDays")).isEqualTo(30);
        assertThat(values.decimal("pointsPerHour")).isEqualByComparingTo(new BigDecimal("2.5"));
        assertThat(values.bool("volunteersOnly")).isTrue();
        assertThat(values.text("notice")).isEqualTo("周三开门");
        assertThat(values.text("mode")).isEqualTo("PHONE");
        assertThat(sdk.of(t.sibling().id()).integer("pickupDays")).isEqualTo(3);
        assertThatThrownBy(() -> values.integer("notice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> values.bool("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> values.integer("broken")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sdk.of(912_345_678_901L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_change_is_audited_with_the_organization_and_no_change_writes_nothing() {
        Tree t = tree();
        Caller admin = caller(Role.ORG_ADMIN, t.community());

        settings.change(admin, PLUGIN, t.community().id(), Map.of("pickupDays", "4", "notice", "私人电话 138"));
        settings.change(admin, PLUGIN, t.community().id(), Map.of("pickupDays", "4"));

        List<AuditEntry> entries =
                audit
                        .latest(Caller.system(), new AuditFilter(PluginSettingsService.CHANGED, null, null, null), 100)
                        .stream()
                        .filter(e -> Long.valueOf(t.community().id()).equals(e.organizationId()))
                        .toList();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.actorName()).isEqualTo(admin.username());
            assertThat(e.detail()).contains(PLUGIN).contains("pickupDays=4").contains("notice (text changed)");
            assertThat(e.detail()).doesNotContain("138");
        });
    }

    @Test
    void staff_read_administrators_change_and_other_subtrees_do_not_exist() {
        Tree t = tree();
        Caller staff = caller(Role.ORG_STAFF, t.community());
        Caller admin = caller(Role.ORG_ADMIN, t.community());

        assertThat(settings.read(staff, PLUGIN, t.grid().id()).settings()).isNotEmpty();
        assertThatThrownBy(() -> settings.change(staff, PLUGIN, t.community().id(), Map.of("pickupDays", "4")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> settings.read(admin, PLUGIN, t.sibling().id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> settings.change(admin, PLUGIN, t.street().id(), Map.of("pickupDays", "4")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() ->
                        settings.read(admin, "no-such-plugin", t.community().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(setting(t.community(), "pickupDays").source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void the_api_takes_json_values_strictly_and_answers_codes() {
        Tree t = tree();
        Api api = new Api(server, json);
        String token = new TestUsers(users, api).token("settings-api-" + ++names, Role.ORG_ADMIN, t.community(), null);
        String path = "/api/plugin-settings/" + PLUGIN + "/" + t.community().id();

        HttpResponse<String> half = api.put(path, token, "{\"values\": {\"pickupDays\": 1.5}}");
        HttpResponse<String> array = api.put(path, token, "{\"values\": {\"notice\": [\"a\"]}}");
        HttpResponse<String> ok = api.put(
                path, token, "{\"values\": {\"pickupDays\": 12, \"pointsPerHour\": 0.5, \"volunteersOnly\": true}}");
        HttpResponse<String> read = api.get(path, token);

        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(api.code(half)).isEqualTo(PluginSettingsErrors.NOT_INTEGER);
        assertThat(half.body()).contains("\"field\":\"pickupDays\"");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(api.code(array)).isEqualTo(PluginSettingsErrors.VALUE_INVALID);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"value\":\"12\"")
                .contains("\"value\":\"0.5\"")
                .contains("\"source\":\"OWN\"");
        HttpResponse<String> dropped = api.put(path, token, "{\"values\": {\"pickupDays\": null}}");
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
        assertThat(setting(t.community(), "pickupDays").source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void captions_come_from_the_plugins_bundle_in_the_callers_language() {
        assertThat(settings.captions(PLUGIN, Locale.ENGLISH).orElseThrow().getString("settings.pickupDays"))
                .isEqualTo("Pickup days");
        assertThat(settings.captions(PLUGIN, Locale.SIMPLIFIED_CHINESE)
                        .orElseThrow()
                        .getString("settings.pickupDays"))
                .isEqualTo("取货天数");
        assertThat(settings.captions("no-such-plugin", Locale.ENGLISH)).isEmpty();
    }

    private void assertRefused(Tree t, String key, String value, String code) {
        assertThatThrownBy(() -> change(t.community(), Map.of(key, value)))
                .as("%s=%s", key, value)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(key);
                });
    }

    private void change(Organization org, Map<String, String> values) {
        settings.change(Caller.system(), PLUGIN, org.id(), values);
    }

    private Setting setting(Organization org, String key) {
        return settings.read(Caller.system(), PLUGIN, org.id()).settings().stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private Caller caller(Role role, Organization org) {
        long userId = users.createUser(Caller.system(), "settings-" + ++names, TestUsers.PASSWORD, null, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, role, org.id());
        return callers.forUser(userId);
    }
}
