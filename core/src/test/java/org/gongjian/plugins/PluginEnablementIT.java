package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditLog;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a plugin is on: the default, a street, a community and its grid, through the service and the API. */
@MicronautTest(transactional = false)
class PluginEnablementIT {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Inject
    PluginEnablement enablement;

    @Inject
    PluginHost host;

    @Inject
    Organizations organizations;

    @Inject
    AuditLog audit;

    @Inject
    UserAdmin users;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @TempDir
    Path dir;

    String plugin;
    Organization street;
    Organization community;
    Organization grid;
    Organization sibling;

    @BeforeEach
    void a_street_a_community_with_a_grid_and_a_sibling() {
        int run = RUN.incrementAndGet();
        plugin = "enablement-" + run;
        host.load(EndpointPluginJar.write(plugin, dir));
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "启用街道" + run);
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, "启用社区" + run);
        grid = organizations.createChild(community, OrganizationKind.GRID, "启用网格" + run);
        sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, "启用邻社区" + run);
    }

    @AfterEach
    void unload() {
        host.unload(plugin);
    }

    private boolean on(Organization org) {
        return enablement.enabledFor(plugin, org.id());
    }

    @Test
    void the_nearest_setting_up_the_tree_wins_and_clearing_one_follows_the_parents_again() {
        Caller system = Caller.system();
        assertThat(List.of(on(street), on(community), on(grid), on(sibling))).containsOnly(true);

        enablement.set(system, street.id(), plugin, false);
        assertThat(List.of(on(street), on(community), on(grid), on(sibling))).containsOnly(false);

        var status = enablement.set(system, community.id(), plugin, true);
        assertThat(status.enabled()).isTrue();
        assertThat(status.own()).isTrue();
        assertThat(on(grid)).isTrue();
        assertThat(on(sibling)).isFalse();
        var atGrid = enablement.at(system, grid.id(), plugin);
        assertThat(atGrid.own()).isNull();
        assertThat(atGrid.definedBy()).isEqualTo(community.id());
        assertThat(atGrid.definedByName()).isEqualTo(community.name());

        enablement.set(system, grid.id(), plugin, false);
        assertThat(on(grid)).isFalse();
        assertThat(on(community)).isTrue();

        enablement.clear(system, community.id(), plugin);
        assertThat(on(community)).isFalse();
        assertThat(enablement.at(system, community.id(), plugin).definedBy()).isEqualTo(street.id());
    }

    @Test
    void the_platform_default_applies_where_no_organization_set_anything() {
        Caller system = Caller.system();
        enablement.setDefault(system, plugin, false);
        assertThat(List.of(on(street), on(community), on(grid))).containsOnly(false);
        assertThat(enablement.at(system, grid.id(), plugin).definedBy()).isNull();

        enablement.set(system, community.id(), plugin, true);
        assertThat(on(grid)).isTrue();
        assertThat(on(street)).isFalse();
        enablement.setDefault(system, plugin, true);
        assertThat(on(sibling)).isTrue();
    }

    @Test
    void a_caller_sees_the_plugin_where_it_is_on_at_or_below_an_organization_of_a_grant() {
        Caller system = Caller.system();
        enablement.set(system, street.id(), plugin, false);
        Caller streetAdmin = callerWith(Role.ORG_ADMIN, street);
        Caller siblingStaff = callerWith(Role.ORG_STAFF, sibling);
        assertThat(enablement.enabledWithin(plugin, streetAdmin)).isFalse();

        enablement.set(system, grid.id(), plugin, true);

        assertThat(enablement.enabledWithin(plugin, streetAdmin)).isTrue();
        assertThat(enablement.enabledWithin(plugin, siblingStaff)).isFalse();
    }

    @Test
    void every_change_is_audited_once_and_a_setting_that_changes_nothing_writes_nothing() {
        Caller system = Caller.system();
        enablement.set(system, community.id(), plugin, false);
        enablement.set(system, community.id(), plugin, false);
        enablement.clear(system, community.id(), plugin);
        enablement.clear(system, community.id(), plugin);
        enablement.setDefault(system, plugin, false);

        List<AuditEntry> entries = audit.latest(system, org.gongjian.audit.AuditFilter.any(), 50).stream()
                .filter(e -> e.detail() != null && e.detail().contains("plugin=" + plugin))
                .toList();
        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactlyInAnyOrder(
                        PluginEnablement.DISABLED, PluginEnablement.CLEARED, PluginEnablement.DEFAULT_CHANGED);
    }

    @Test
    void only_administrators_of_the_organization_change_it_and_outsiders_see_nothing() {
        Caller communityAdmin = callerWith(Role.ORG_ADMIN, community);
        Caller staff = callerWith(Role.ORG_STAFF, community);

        assertThat(enablement.set(communityAdmin, grid.id(), plugin, false).enabled())
                .isFalse();
        assertThatThrownBy(() -> enablement.set(staff, community.id(), plugin, false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> enablement.set(communityAdmin, street.id(), plugin, false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> enablement.set(communityAdmin, sibling.id(), plugin, false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> enablement.set(communityAdmin, community.id(), "no-such-plugin", false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> enablement.setDefault(communityAdmin, plugin, false))
                .isInstanceOf(ForbiddenException.class);
        assertThat(enablement.at(staff, community.id()))
                .extracting(PluginEnablement.Status::pluginId)
                .contains(plugin);
    }

    @Test
    void the_api_lists_sets_and_clears_a_plugin_at_an_organization_strictly() {
        Api api = new Api(server, json);
        int run = RUN.get();
        String admin = new TestUsers(users, api).token("en-admin-" + run, Role.ORG_ADMIN, community, null);
        String base = "/api/orgs/" + community.id() + "/plugins";

        var listed = api.list(api.get(base, admin));
        assertThat(listed)
                .filteredOn(p -> plugin.equals(p.get("pluginId")))
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .containsEntry("enabled", true)
                        .containsEntry("defaultEnabled", true)
                        .containsEntry("state", "STARTED"));

        assertThat(api.code(api.put(base + "/" + plugin, admin, Map.of()))).isEqualTo("MISSING_FIELD");
        assertThat(api.code(api.put(base + "/" + plugin, admin, "{\"enabled\":\"false\"}")))
                .isEqualTo("INVALID_BOOLEAN");
        assertThat(api.code(api.put(base + "/" + plugin, admin, "{\"enabled\":false,\"x\":1}")))
                .isEqualTo("UNKNOWN_FIELD");
        assertThat(on(community)).isTrue();

        var off = api.put(base + "/" + plugin, admin, Map.of("enabled", false));
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(api.object(off)).containsEntry("enabled", false).containsEntry("own", false);
        var cleared = api.delete(base + "/" + plugin, admin);
        assertThat(api.object(cleared)).containsEntry("enabled", true).containsEntry("own", null);
        assertThat(api.get("/api/plugin-defaults/" + plugin, admin).statusCode())
                .isEqualTo(403);
    }

    private Caller callerWith(Role role, Organization org) {
        int run = RUN.get();
        String name = "en-" + role.name().toLowerCase().replace('_', '-') + "-" + org.id() + "-" + run;
        long userId = users.createUser(Caller.system(), name, TestUsers.PASSWORD, null, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, role, org.id());
        return callers.forUser(userId);
    }

    @Inject
    org.gongjian.access.Callers callers;
}
