package org.gongjian.ui.plugins;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNav;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bundled hello plugin's page, shown by its roles and where it is on, and the enablement page. */
@MicronautTest
class PluginPagesIT {

    private static final String PASSWORD = "plugin-pages-password-1";
    private static final String HELLO = "plugins/hello/greetings";
    private static final AtomicInteger RUN = new AtomicInteger();

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    PluginEnablement enablement;

    @Inject
    org.gongjian.members.Members members;

    @Inject
    org.gongjian.security.UserAdmin users;

    Organization street;
    Organization community;
    int run;

    @BeforeEach
    void a_street_with_a_community() {
        run = RUN.incrementAndGet();
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "插件页街道" + run);
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, "插件页社区" + run);
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    private void signIn(String prefix, Role role) {
        String username = prefix + "-" + run;
        KaribuSupport.userWithRole(context, username, PASSWORD, role, community.id());
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
        _get(Component.class, s -> s.withId("dashboard"));
    }

    private static List<String> pluginPages() {
        return _find(SideNav.class, s -> s.withId("plugin-nav")).stream()
                .flatMap(nav -> nav.getItems().stream())
                .map(i -> i.getPath())
                .toList();
    }

    private static boolean onDashboard() {
        return !_find(Component.class, s -> s.withId("dashboard")).isEmpty();
    }

    @Test
    void a_secretary_sees_and_opens_the_page_while_the_plugin_is_on_for_her_community() {
        signIn("pages-secretary", Role.ORG_ADMIN);
        assertThat(pluginPages()).containsExactly(HELLO);

        UI.getCurrent().navigate(HELLO);
        assertThat(onDashboard()).as("the hello page opened").isFalse();
    }

    @Test
    void the_page_and_its_menu_entry_disappear_where_the_plugin_is_off() {
        enablement.set(Caller.system(), street.id(), "hello", false);
        signIn("pages-off", Role.ORG_STAFF);

        assertThat(pluginPages()).isEmpty();
        UI.getCurrent().navigate(HELLO);
        assertThat(onDashboard()).as("sent home").isTrue();

        enablement.set(Caller.system(), community.id(), "hello", true);
        UI.getCurrent().navigate(HELLO);
        assertThat(onDashboard()).isFalse();
    }

    @Test
    void a_volunteer_is_not_one_of_the_pages_roles_and_is_sent_home() {
        signIn("pages-volunteer", Role.VOLUNTEER);

        assertThat(pluginPages()).isEmpty();
        UI.getCurrent().navigate(HELLO);
        assertThat(onDashboard()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_secretary_turns_a_plugin_off_for_her_community_and_lets_it_follow_the_parents_again() {
        signIn("pages-enabler", Role.ORG_ADMIN);
        UI.getCurrent().navigate("plugin-enablement");

        Grid<PluginEnablement.Status> grid = _get(Grid.class, s -> s.withId("plugin-enablement-grid"));
        int row = helloRow(grid);
        Checkbox hello = (Checkbox) GridKt._getCellComponent(grid, row, "enabled");
        assertThat(hello.getValue()).isTrue();
        assertThat(GridKt._getCellComponent(grid, row, "follow").isVisible()).isFalse();

        com.github.mvysny.kaributesting.v10.LocatorJ._setValue(hello, false);

        assertThat(enablement.enabledFor("hello", community.id())).isFalse();
        assertThat(GridKt._get(grid, helloRow(grid)).own()).isFalse();
        Button follow = (Button) GridKt._getCellComponent(grid, helloRow(grid), "follow");
        assertThat(follow.isVisible()).isTrue();
        com.github.mvysny.kaributesting.v10.LocatorJ._click(follow);
        assertThat(enablement.enabledFor("hello", community.id())).isTrue();
        assertThat(enablement.at(Caller.system(), community.id(), "hello").own())
                .isNull();
    }

    private static int helloRow(Grid<PluginEnablement.Status> grid) {
        for (int i = 0; i < GridKt._size(grid); i++) {
            if (GridKt._get(grid, i).pluginId().equals("hello")) {
                return i;
            }
        }
        throw new AssertionError("hello is not listed");
    }

    @Test
    void a_member_section_shows_on_the_member_page_where_the_plugin_is_on_for_the_members_organization() {
        long member = members.add(community.id(), "插件页居民" + run).id();
        signIn("pages-section", Role.ORG_STAFF);

        UI.getCurrent().navigate("members/" + member);
        assertThat(_find(Component.class, s -> s.withId("member-section-hello")))
                .hasSize(1);
        assertThat(_find(Component.class, s -> s.withId("hello-member-" + member)))
                .hasSize(1);

        enablement.set(Caller.system(), community.id(), "hello", false);
        UI.getCurrent().navigate("members/" + member + "/edit");
        UI.getCurrent().navigate("members/" + member);
        assertThat(_find(Component.class, s -> s.withId("member-section-hello")))
                .isEmpty();
    }

    @Test
    void a_volunteer_finds_the_self_service_page_on_her_own_page_and_opens_it() {
        long member = members.add(community.id(), "插件页志愿者" + run).id();
        String username = "pages-phone-" + run;
        long userId = users.createUser(Caller.system(), username, PASSWORD, member, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, Role.VOLUNTEER, community.id());
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);

        UI.getCurrent().navigate("points/mine");
        assertThat(_find(Component.class, s -> s.withId("self-service-hello-greetings")))
                .hasSize(1);
        UI.getCurrent().navigate("me/plugins/hello/greetings");
        assertThat(_find(Component.class, s -> s.withId("hello-phone"))).hasSize(1);

        enablement.set(Caller.system(), community.id(), "hello", false);
        UI.getCurrent().navigate("points/mine");
        assertThat(_find(Component.class, s -> s.withId("self-service-pages"))).isEmpty();
        UI.getCurrent().navigate("me/plugins/hello/greetings");
        assertThat(_find(Component.class, s -> s.withId("hello-phone"))).isEmpty();
        assertThat(onDashboard()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_platform_administrator_turns_a_plugins_default_off_and_on() {
        String username = "pages-platform-" + run;
        context.getBean(org.gongjian.security.Accounts.class)
                .createUser(username, PASSWORD, false, java.util.Set.of(Role.PLATFORM_ADMIN));
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
        UI.getCurrent().navigate("plugins");

        Grid<org.gongjian.plugins.PluginInfo> grid = _get(Grid.class, s -> s.withId("plugins-grid"));
        int row = -1;
        for (int i = 0; i < GridKt._size(grid); i++) {
            if (GridKt._get(grid, i).id().equals("hello")) {
                row = i;
            }
        }
        Checkbox byDefault = (Checkbox) GridKt._getCellComponent(grid, row, "default");
        assertThat(byDefault.getValue()).isTrue();
        try {
            com.github.mvysny.kaributesting.v10.LocatorJ._setValue(byDefault, false);
            assertThat(enablement.enabledFor("hello", community.id())).isFalse();
        } finally {
            enablement.setDefault(Caller.system(), "hello", true);
        }
        assertThat(enablement.enabledFor("hello", community.id())).isTrue();
    }

    @Test
    void staff_do_not_open_the_enablement_page() {
        signIn("pages-staff", Role.ORG_STAFF);
        UI.getCurrent().navigate("plugin-enablement");
        assertThat(onDashboard()).isTrue();
    }
}
