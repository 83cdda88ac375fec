package org.gongjian.ui.layout;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The menu is what the features contribute, in their order, for the roles they name. This context
 * also holds one entry contributed here ({@link StaffOnlyEntry}: staff only, between 用户与角色 and
 * 积分规则), which no one else sees.
 */
@MicronautTest(transactional = false)
@Property(name = MenuIT.EXTRA_ENTRY, value = "true")
class MenuIT {

    static final String EXTRA_ENTRY = "menu-it.staff-only-entry";
    private static final String PASSWORD = "menu-password-1";

    /** The core pages an organization administrator sees, top to bottom. */
    private static final List<String> SECRETARY_CORE = List.of(
            "nav-dashboard",
            "nav-organizations",
            "nav-members",
            "nav-timebank",
            "nav-users",
            "nav-points-rules",
            "nav-approvals",
            "nav-rankings");

    /** What an organization administrator sees, top to bottom (the bundled hello plugin has settings). */
    private static final List<String> SECRETARY_MENU = java.util.stream.Stream.concat(
                    SECRETARY_CORE.stream(), java.util.stream.Stream.of("nav-plugin-enablement", "nav-plugin-settings"))
            .toList();

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    private static Organization community;

    @BeforeEach
    void setUp() {
        if (community == null) {
            Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "菜单街道党工委");
            community = organizations.createChild(street, OrganizationKind.COMMUNITY, "菜单社区");
        }
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_platform_administrator_sees_every_core_page_and_the_plugins_page() {
        accounts.createUser("menu-platform", PASSWORD, false, Set.of(Role.PLATFORM_ADMIN));
        signIn("menu-platform");

        List<String> expected = new ArrayList<>(SECRETARY_CORE);
        expected.add("nav-plugins");
        expected.add("nav-plugin-enablement");
        expected.add("nav-plugin-settings");
        assertThat(menu()).isEqualTo(expected);
        assertThat(pluginPages())
                .as("the hello plugin's page names the platform administrator among its roles")
                .containsExactly("plugins/hello/greetings");
    }

    @Test
    void an_organization_administrator_sees_the_pages_of_her_subtree_but_not_the_plugins_page() {
        withRole("menu-secretary", Role.ORG_ADMIN, null);
        signIn("menu-secretary");

        assertThat(menu()).isEqualTo(SECRETARY_MENU);
        assertThat(pluginPages()).as("the hello plugin's page").containsExactly("plugins/hello/greetings");
    }

    @Test
    void staff_read_without_users_or_approvals_and_see_the_entry_contributed_for_staff() {
        withRole("menu-staff", Role.ORG_STAFF, null);
        signIn("menu-staff");

        assertThat(menu())
                .containsExactly(
                        "nav-dashboard",
                        "nav-organizations",
                        "nav-members",
                        "nav-timebank",
                        "nav-staff-only",
                        "nav-points-rules",
                        "nav-rankings",
                        "nav-plugin-settings");
    }

    @Test
    void a_volunteer_with_a_member_record_sees_only_the_dashboard_her_points_and_the_rankings() {
        long member = members.add(community.id(), "菜单志愿者").id();
        withRole("menu-volunteer", Role.VOLUNTEER, member);
        signIn("menu-volunteer");

        assertThat(menu()).containsExactly("nav-dashboard", "nav-my-points", "nav-rankings");
        assertThat(pluginPages()).as("not one of the page's roles").isEmpty();
    }

    private void withRole(String username, Role role, Long memberId) {
        long id = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), id, role, community.id());
    }

    private void signIn(String username) {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(username, PASSWORD);
        _get(Component.class, s -> s.withId("dashboard"));
    }

    /** The ids of the main menu's items, top to bottom. */
    private static List<String> menu() {
        return _get(SideNav.class, s -> s.withId("side-nav")).getItems().stream()
                .map(i -> i.getId().orElse("?"))
                .toList();
    }

    private static List<String> pluginPages() {
        return _find(SideNav.class, s -> s.withId("plugin-nav")).stream()
                .flatMap(nav -> nav.getItems().stream())
                .map(i -> i.getPath())
                .toList();
    }

    /** A page a feature could add for staff alone; it has no route, the menu does not need one. */
    @Singleton
    @Requires(property = EXTRA_ENTRY, value = "true")
    static final class StaffOnlyEntry implements NavigationEntry {

        @Override
        public Page page() {
            return new Page(55, "nav-staff-only", "nav.audit", VaadinIcon.FLAG, "staff-only", Set.of(Role.ORG_STAFF));
        }
    }
}
